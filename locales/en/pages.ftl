# The pages people use: the frame, logging in, the hubs and the map.
# Plain words: say where the reader is and what they can do next.

page-skip-to-content = Skip to the content
page-nav-label = Main
page-nav-map = Map
page-nav-my-bookings = My bookings
page-nav-provider = My listings
page-nav-manager = Hub desk
page-log-in = Log in
page-log-out = Log out
page-sign-up = Create an account
page-footer = portineria: book the spaces and services of your neighbourhood.
page-back-home = Back to the first page
page-onward-back = Go back without leaving this site
page-not-found-title = Not found
page-not-found = There is no page at this address. It may have moved, or the link may be incomplete.
page-forbidden-title = Not allowed
page-refused-title = This could not be done
page-form-refused-title = This form has expired
page-form-refused = For your safety we could not accept this form. Please go back, reload the page and send it again.
page-logged-out = You are logged out.
page-link-sent = If this address has an account, we have sent it an email with a link. It works for 30 minutes.
page-password-set = Your new password is set. You can log in with it now.
page-email-verified = Thank you: your email address is confirmed.

page-field-email = Email address
page-field-password = Password
page-field-new-password = New password
page-field-name = Your name
page-password-hint = At least { $min } characters.

page-login-title = Log in
page-login-by-link = Log in with a link sent by email
page-login-forgot = Forgot your password?
page-login-no-account = No account yet? Create one
page-sign-up-title = Create an account
page-magic-link-title = Log in by email
page-magic-link-intro = We send you an email with a link. Open it on this device to log in, with no password.
page-send-link = Send me the link
page-sign-in-title = Log in with your link
page-sign-in-button = Log in now
page-verify-title = Confirm your email address
page-verify-button = Confirm my address
page-link-missing = This link is not complete. Please open it again from your email.
page-reset-title = Choose a new password
page-reset-intro = Write your email address: we send you a link to choose a new password.
page-reset-set = Save the new password

page-hubs-title = Hubs near you
page-hubs-intro = Each hub is a place of the neighbourhood: rooms, desks and local services you can book.
page-hubs-mine = Your hubs
page-hubs-public = Hubs with listings open to everyone
page-hubs-listings = { $count ->
    [one] one listing
   *[other] { $count } listings
}
page-hubs-none = There is nothing public to show yet.
page-hubs-see-map = See everything on the map
page-map-title = Map of what you can book
page-map-intro = Every listing open to everyone, in every hub. The same data, for other maps:
page-map-caption = { $count ->
    [one] One listing on the map. Each dot is a link to its page.
   *[other] { $count } listings on the map. Each dot is a link to its page.
}
page-map-list = The same listings as a list
page-kind-space = Space
page-kind-service = Service

page-weekday-1 = Mon
page-weekday-2 = Tue
page-weekday-3 = Wed
page-weekday-4 = Thu
page-weekday-5 = Fri
page-weekday-6 = Sat
page-weekday-7 = Sun
page-month-1 = Jan
page-month-2 = Feb
page-month-3 = Mar
page-month-4 = Apr
page-month-5 = May
page-month-6 = Jun
page-month-7 = Jul
page-month-8 = Aug
page-month-9 = Sep
page-month-10 = Oct
page-month-11 = Nov
page-month-12 = Dec

page-request-approve = Approve
page-request-approve-label = Approve the request for { $title }
page-request-decline = Decline
page-request-decline-label = Decline the request for { $title }
page-request-reason = Why you decline (the person reads it)
page-request-approved = The request is approved: the person gets an email.
page-request-declined = The request is declined: the person gets an email with your reason.
