# The pages of a hub's residents: the hub and its search, a listing,
# booking, my bookings, a weekly series. Plain words: say what happened
# and what to do next.

page-resident-hub-offer = What you can book here
page-resident-hub-counts = { $spaces ->
    [0] No spaces
    [one] One space
   *[other] { $spaces } spaces
} and { $services ->
    [0] no services.
    [one] one service.
   *[other] { $services } services.
}
page-resident-hub-categories = Kinds of things:
page-resident-hub-nothing = There is nothing to book here yet.
page-resident-hub-log-in-for-more = You see what the hub shows everyone. Log in as a member to see everything it offers.
page-resident-search = Search
page-resident-search-kind = What
page-resident-search-any = Anything
page-resident-search-category = Kind of thing
page-resident-search-text = Words to look for
page-resident-search-when = Free at a time (optional)
page-resident-search-when-hint = Choose a day, a start and an end time to see only what is free then.
page-resident-search-button = Search
page-resident-results = What we found
page-resident-all-listings = Everything you can book
page-resident-results-caption = { $count ->
    [one] One listing. Open it to see when it is free.
   *[other] { $count } listings. Open one to see when it is free.
}
page-resident-col-title = Name
page-resident-col-kind = Type
page-resident-col-category = Kind of thing
page-resident-col-organization = Offered by
page-resident-col-price = Price
page-resident-more-results = Show more results
page-resident-no-results = Nothing matches this search. Try other words or another time.
page-resident-kind-space = Space
page-resident-kind-service = Service
page-resident-kind-wrong = Choose a space or a service.

page-resident-unit-minutes = every { $minutes } minutes
page-resident-unit-hour = per hour
page-resident-unit-day = per day
page-resident-unit-month = per month
page-resident-price-free = Free
page-resident-price-per-unit = { $amount } { $unit }
page-resident-price-per-seat = { $amount } { $unit } for each seat
page-resident-price-members = members pay { $amount }
page-resident-approval = How it is confirmed
page-resident-approval-instant = At once, when you book
page-resident-approval-request = The hub says yes or no to each request

page-resident-address = Address
page-resident-capacity = Room for
page-resident-capacity-value = { $count ->
    [one] one person or unit at a time
   *[other] { $count } people or units at a time
}
page-resident-unit = Booked by
page-resident-units-range = from { $min } to { $max } at a time
page-resident-policy = If you cancel
page-resident-policy-tier = At least { $hours } hours before the start: { $percent }% back.
page-resident-policy-until-start = Until the start: { $percent }% back.
page-resident-policy-later = Later: nothing back.
page-resident-policy-none = If you cancel, nothing is given back.
page-resident-hours = Opening hours
page-resident-hours-none = No opening hours are set yet, so it cannot be booked.
page-resident-exceptions = Special days
page-resident-exception-open = also open { $opens }–{ $closes }
page-resident-exception-closed-between = closed { $opens }–{ $closes }
page-resident-exception-closed = closed all day
page-resident-weekday-monday = Monday
page-resident-weekday-tuesday = Tuesday
page-resident-weekday-wednesday = Wednesday
page-resident-weekday-thursday = Thursday
page-resident-weekday-friday = Friday
page-resident-weekday-saturday = Saturday
page-resident-weekday-sunday = Sunday
page-resident-free = When it is free
page-resident-free-window = Free times from { $from } to { $to }, on the hub's clock.
page-resident-free-none = nothing free
page-resident-free-seats = { $count ->
    [one] one place free
   *[other] { $count } places free
}
page-resident-weeks-previous = The two weeks before
page-resident-weeks-next = The next two weeks
page-resident-free-from-today = See the free times from today
page-resident-book = Book it
page-resident-field-date = Day
page-resident-field-start = Start time
page-resident-field-end = End time
page-resident-field-from = From
page-resident-field-to = To
page-resident-field-seats = Seats or units
page-resident-end-hint = An end at 00:00 means midnight at the end of the day.
page-resident-see-price = See the price
page-resident-series-link = Book the same time every week

page-resident-date-missing = Choose a day.
page-resident-date-wrong = This day does not exist. Write it as year-month-day, for example 2026-11-25.
page-resident-time-missing = Write a time.
page-resident-time-wrong = This time does not exist. Write it as hours:minutes, for example 09:30.
page-resident-end-before-start = The end must come after the start. Check the two times.
page-resident-seats-wrong = Write a whole number from 1 to { $most }.
page-resident-key-wrong = This form is not complete. Go back to the price page, reload it and try again.

page-resident-quote-title = Book { $title }
page-resident-back-to-listing = Back to { $title }
page-resident-when = When
page-resident-not-bookable = This cannot be booked
page-resident-try-other-time = Choose another time
page-resident-price = Price
page-resident-price-caption = What you pay, line by line
page-resident-line-what = What
page-resident-line-quantity = How many
page-resident-line-each = Each
page-resident-line-amount = Amount
page-resident-line-base = The time you book
page-resident-line-seats = More seats
page-resident-line-member-discount = Discount for members
page-resident-total = Total
page-resident-tax-included = Tax included: { $amount }.
page-resident-payment = Payment
page-resident-pay-nothing = There is nothing to pay.
page-resident-pay-desk = You pay { $amount } at the desk of { $hub }. The hub writes down your payment.
page-resident-pay-desk-now = Pay at the desk of { $hub }. The hub writes down your payment.
page-resident-pay-card = This hub takes payments by card: { $amount }.
page-resident-pay-card-here = After you confirm, you pay by card on Stripe's secure page. Your card details go to Stripe only, never to this site. Until it is paid, the booking may be called off after the time the hub gives.
page-resident-feed = Your bookings in your calendar
page-resident-feed-intro = Subscribe once in your calendar app (on your phone, Outlook, Google Calendar) and your bookings in this hub show there, kept up to date.
page-resident-feed-replaces = If you already have an address, the new one replaces it and the old one stops working.
page-resident-feed-button = Get my calendar address
page-resident-feed-title = Your calendar address
page-resident-feed-secret = This address is yours alone: whoever has it sees your bookings here. It is shown only now; you can get a new one at any time from your bookings.
page-resident-feed-address = Address to subscribe to
page-resident-feed-open = Open it in your calendar app
page-resident-card-intro = Pay { $amount } by card on Stripe's secure page. Your card details go to Stripe only, never to this site.
page-resident-card-held = Your card is only held now. It is charged if the hub says yes, and released if it says no.
page-resident-card-button = Pay by card
page-resident-card-paid = Thank you. Stripe is confirming your payment: reload this page in a moment to see it.
page-resident-card-back = You came back without paying. You can pay by card below while the booking waits.
page-resident-card-title = Pay by card
page-resident-card-onward = Stripe's page takes your card until { $until }. Your card details go to Stripe only, never to this site. Afterwards Stripe brings you back to your booking.
page-resident-card-link = Go to Stripe's payment page
page-resident-card-no-link = Stripe did not give a working payment page. Please try again in a few minutes.
page-resident-pay-if-approved = You pay only if the hub says yes.
page-resident-confirmation = Confirm
page-resident-confirm-instant = Your booking is confirmed at once.
page-resident-confirm-request = This is a request: the place is held for you while you are waiting for the hub to answer. You get an email with the answer.
page-resident-note = A message for the hub (optional)
page-resident-book-now = Book now
page-resident-send-request = Send the request
page-resident-booked-confirmed = Done: your booking is confirmed.
page-resident-booked-requested = Your request is sent. You are waiting for the hub to answer.
page-resident-booked-awaiting-payment = Your place is held until you pay.

page-resident-my-bookings = My bookings
page-resident-upcoming = Coming up
page-resident-upcoming-caption = { $count ->
    [one] One booking coming up
   *[other] { $count } bookings coming up
}
page-resident-upcoming-none = You have no bookings coming up.
page-resident-find-something = Find something to book
page-resident-past = Past
page-resident-past-caption = { $count ->
    [one] One past booking
   *[other] { $count } past bookings
}
page-resident-past-none = No past bookings.
page-resident-more-bookings = Show more bookings
page-resident-all-my-bookings = All my bookings
page-resident-status = Status
page-resident-status-confirmed = Confirmed
page-resident-status-requested = Waiting for the hub to answer
page-resident-status-awaiting-payment = Waiting for your payment
page-resident-status-declined = Declined by the hub
page-resident-status-cancelled = Cancelled
page-resident-status-expired = Not answered in time: called off
page-resident-status-completed = Done
page-resident-status-no-show = You did not come

page-resident-booking-title = Your booking: { $title }
page-resident-answer-by = The hub answers by { $when }. If it does not, the request is called off.
page-resident-reason = The reason given: { $reason }
page-resident-calendar-file = Add to my calendar (.ics file)
page-resident-payment-how = How
page-resident-payment-online = Online, by card
page-resident-payment-at-desk = At the hub's desk
page-resident-payment-where = Where it stands
page-resident-payment-total = To pay
page-resident-payment-received = Paid so far
page-resident-payment-held = Held on your card
page-resident-payment-given-back = Given back
page-resident-payment-failure = The last card payment did not go through: { $failure }
page-resident-payment-none = There is nothing to pay yet.
page-resident-payment-not-required = Nothing to pay
page-resident-payment-due = Still to pay
page-resident-payment-requires-action = Your bank must confirm the payment
page-resident-payment-authorized = Held on your card, not taken yet
page-resident-payment-paid = Paid
page-resident-payment-partially-refunded = Paid, part given back
page-resident-payment-refunded = Paid, all given back
page-resident-payment-failed = The payment did not go through
page-resident-payment-cancelled = Called off before paying
page-resident-schedule-step = If you cancel by { $until }: { $percent }% back.
page-resident-schedule-after = Later: nothing back.
page-resident-refund-now = If you cancel now, you get back { $amount } of { $total }.
page-resident-refund-due = You get back { $amount }.
page-resident-refund-nothing-due = Nothing is given back.
page-resident-cancel = Cancel this booking
page-resident-cancel-reason = Why you cancel (optional)
page-resident-cancel-button = Cancel the booking
page-resident-cancelled-refund = Your booking is cancelled. You get back { $amount }.
page-resident-cancelled-no-refund = Your booking is cancelled. Nothing is given back.

page-resident-series-title = Book { $title } every week
page-resident-series-intro = Choose the days of the week, the times, and for how many weeks. We book every time we can and tell you which times could not be booked, and why.
page-resident-field-weekday = Days of the week
page-resident-field-first = From
page-resident-first-hint = The first booking is on one of the chosen days, on this date or after.
page-resident-field-weeks = How many weeks
page-resident-series-skip-hint = A time that is already taken or closed is left out; the others are booked.
page-resident-series-button = Book every week
page-resident-series-booked = { $count ->
    [one] One booking made
   *[other] { $count } bookings made
}
page-resident-series-skipped = { $count ->
    [0] Nothing left out
    [one] One time left out
   *[other] { $count } times left out
}
page-resident-weekday-wrong = Choose at least one day of the week.
page-resident-weeks-wrong = Write how many weeks, from 1 to { $most }.
page-resident-date-too-far = This day is too far away. Choose a day within ten years from today.
