# Emails: every sentence of the templates in emails/.

email-greeting = Hello { $name },
email-footer-customer = You get this email because you booked with { $hub } on portineria.
email-footer-staff = You get this email because you manage { $hub }, or offer this listing there, on portineria.

email-booking-requested-subject = New booking request
email-booking-requested-lead = { $customer } asks to book "{ $listing }" on { $when }. Please approve or decline the request in portineria: it expires if nobody answers within 48 hours.
email-booking-requested-answer = You can also answer straight from this email. Each link works once, until the request runs out of time; it opens a page where you confirm.
email-booking-requested-approve = Approve the request
email-booking-requested-decline = Decline the request
email-booking-confirmed-subject = Your booking is confirmed
email-booking-confirmed-lead = Your booking of "{ $listing }" on { $when } is confirmed. We look forward to seeing you.
email-booking-declined-subject = Your booking request was declined
email-booking-declined-lead = Sorry: your request to book "{ $listing }" on { $when } was declined. The reason given: { $reason }. Nothing was charged.
email-booking-declined-lead-no-reason = Sorry: your request to book "{ $listing }" on { $when } was declined. Nothing was charged.
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

# Optional messages (they can be turned off) and how to stop them.
email-footer-reminder = You get this reminder because you booked with { $hub } on portineria.
email-footer-digest = You get this daily note because you manage { $hub } on portineria.
email-unsubscribe-reminders = Don't want reminders? Stop them with one click:
email-unsubscribe-digests = Don't want these daily notes? Stop them with one click:
email-booking-reminder-subject = Reminder: your booking is coming up
email-booking-reminder-lead = A reminder: you booked "{ $listing }" at { $hub } on { $when }.
email-booking-reminder-where = Where: { $address }
email-booking-reminder-cannot-come = If you cannot come, please cancel the booking in portineria, so someone else can have the place.
email-dead-letters-waiting-subject = { $count ->
    [one] An email could not be delivered
   *[other] { $count } emails could not be delivered
}
email-dead-letters-waiting-lead = { $count ->
    [one] One email from { $hub } could not be delivered.
   *[other] { $count } emails from { $hub } could not be delivered.
} The oldest has been waiting for { $age }.
email-dead-letters-waiting-action = See them and send them again from the hub desk, under "Emails not delivered", once the address is right:
email-age-under-an-hour = less than an hour
email-age-hours = { $hours ->
    [one] one hour
   *[other] { $hours } hours
}
email-age-days = { $days ->
    [one] one day
   *[other] { $days } days
}
email-footer-provider = You get this email because you offer listings with { $hub } on portineria.
email-listing-submitted-subject = A listing waits for your review: { $listing }
email-listing-submitted-lead = { $organization } asks to publish "{ $listing }". Please review it in portineria: publish it, or send it back with a reason so they know what to change.
email-listing-published-subject = Your listing is published: { $listing }
email-listing-published-lead = "{ $listing }" is now published on { $hub }: people can find it and book it.
email-listing-published-link = Its public page:
email-listing-rejected-subject = Your listing needs changes: { $listing }
email-listing-rejected-lead = { $hub } sent "{ $listing }" back to you as a draft, so it is not published yet.
email-listing-rejected-reason = The reason given:
email-listing-rejected-next = Change what is asked, then send the listing for review again in portineria.
email-series-created-confirmed-subject = Your recurring booking is confirmed
email-series-created-confirmed-lead = Your bookings of "{ $listing }" are confirmed, { $count ->
    [one] on this date:
   *[other] on these { $count } dates:
}
email-series-created-requested-subject = Your recurring booking requests were sent
email-series-created-requested-lead = You asked to book "{ $listing }" { $count ->
    [one] on this date:
   *[other] on these { $count } dates:
}
email-series-created-payment-subject = Your recurring booking waits for payment
email-series-created-payment-lead = Your bookings of "{ $listing }" wait for the payment, { $count ->
    [one] on this date:
   *[other] on these { $count } dates:
}
email-series-created-skipped = { $count ->
    [one] One date could not be booked:
   *[other] { $count } dates could not be booked:
}
email-series-created-calendar = The attached calendar file adds every date to your calendar.
email-series-created-requested-next = The requests wait for the hub's answer. You get an email as each one is approved or declined.
email-series-created-payment-next = They are confirmed as soon as the payment arrives.
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
