# Emails: every sentence of the templates in emails/.

email-greeting = Hello { $name },
email-footer-customer = You get this email because you booked with { $hub } on portineria.
email-footer-staff = You get this email because you manage { $hub }, or offer this listing there, on portineria.

email-booking-requested-subject = New booking request
email-booking-requested-lead = { $customer } asks to book "{ $listing }" on { $when }. Please approve or decline the request in portineria: it expires if nobody answers within 48 hours.
email-booking-confirmed-subject = Your booking is confirmed
email-booking-confirmed-lead = Your booking of "{ $listing }" on { $when } is confirmed. We look forward to seeing you.
email-booking-declined-subject = Your booking request was declined
email-booking-declined-lead = Sorry: your request to book "{ $listing }" on { $when } was declined. The reason given: { $reason }. Nothing was charged.
email-booking-expired-subject = Your booking did not go through
email-booking-expired-lead = Your booking of "{ $listing }" on { $when } was not confirmed in time (no answer, or no payment), so the place was freed. Nothing was charged.
email-booking-cancelled-subject = Your booking is cancelled
email-booking-cancelled-lead = Your booking of "{ $listing }" on { $when } is cancelled. Money given back under its terms: { $amount }.
email-payment-received-subject = Payment received
email-payment-received-lead = We received { $amount } for "{ $listing }" on { $when }. Thank you.
email-payment-failed-subject = Your payment did not go through
email-payment-failed-lead = Your payment of { $amount } for "{ $listing }" on { $when } did not go through. You can try another card before the booking expires.
email-payment-refunded-subject = Money given back
email-payment-refunded-lead = { $amount } for "{ $listing }" on { $when } is being given back to you. It may take a few days to show on your account.
dead-letter-not-found = There is no undelivered message with this id in this hub.
email-footer-account = You get this email because someone asked for it with your address on portineria.
email-link-not-you = If you did not ask for this, ignore this email: nothing changes.
email-magic-link-subject = Your link to sign in
email-magic-link-lead = Follow this link to sign in to portineria. It works once, for { $minutes } minutes.
email-magic-link-action = Sign in
email-password-reset-subject = Set a new password
email-password-reset-lead = Follow this link to choose a new password. It works once, for { $minutes } minutes, and signs you out everywhere else.
email-password-reset-action = Choose a new password
email-welcome-subject = Welcome to portineria
email-welcome-lead = Welcome! Your portineria account is ready: you can book spaces and services in the hubs you belong to.
email-welcome-verify = Please confirm that this email address is yours by following the link below. It works once, for { $hours ->
        [one] one hour
       *[other] { $hours } hours
    }.
email-welcome-why = Some hubs take bookings only from people who have confirmed their address.
email-welcome-not-you = If you did not create this account, you can ignore this email.
email-verify-email-subject = Confirm your email address
email-verify-email-lead = Follow the link below to confirm that this email address is yours. It works once, for { $hours ->
        [one] one hour
       *[other] { $hours } hours
    }.
email-verify-action = Confirm my email address
