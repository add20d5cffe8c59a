# Bookings: asking for a time, answers, cancellations and series.

booking-not-found = There is no such booking in this hub.
booking-part-not-allowed = Your part in this booking does not allow this.
booking-slot-taken = { $left ->
    [0] This time is already fully booked.
    [one] This time is no longer free for that many: only one place is left.
   *[other] This time is no longer free for that many: { $left } of { $capacity } places are left.
} Please choose another time.
booking-listing-closed = This cannot be booked right now.
booking-payouts-not-ready = This can be booked once its provider has finished setting up online payments. Please try again later or ask the hub.
booking-key-invalid = Send a key of 1 to 100 characters, new for each booking.
booking-key-reused = This key was already used for a different booking. Please use a new key.
booking-no-show-too-early = You can mark a booking as a no-show only after it has started.
booking-cannot-change = This booking is { $status ->
    [REQUESTED] waiting for an answer
    [AWAITING_PAYMENT] waiting for its payment
    [CONFIRMED] confirmed
    [DECLINED] declined
    [CANCELLED] cancelled
    [EXPIRED] expired
    [COMPLETED] over
   *[NO_SHOW] marked as a no-show
} and can no longer change that way.
booking-seats-range = { $capacity ->
    [one] Only one place can be booked here.
   *[other] Please choose from 1 to { $capacity } places.
}
booking-lead-time = { $minutes ->
    [0] This time has already passed. Please choose a later time.
   *[other] Please book at least { $minutes } minutes ahead.
}
booking-horizon = You can book at most { $days } days ahead.
booking-closed-then = It is closed at that time, or the time does not match its booking slots. Please choose one of the free times.
booking-units-range = { $min ->
    [1] Book at most { $max } units of time here.
   *[other] Book from { $min } to { $max } units of time here.
}
booking-day-unavailable = This day cannot be shown.

series-until-or-count = Say when the series ends: a last date or a number of bookings, not both.
series-nothing-bookable = None of the dates of the series can be booked.
series-clock-change = On { $date } the clock change leaves no time for this booking.
series-every-weeks = Choose a repeat of 1 to 12 weeks.
series-no-weekday = Choose at least one day of the week.
series-weekday-twice = Choose each day of the week only once.
series-first-not-on-weekday = The first booking must fall on one of the chosen days.
series-count-range = A series has from 1 to { $max } bookings.
series-end-before-first = The last date cannot come before the first booking, on { $date }.
series-too-many = Please choose an earlier last date: a series has at most { $max } bookings.
series-beyond-calendar = The series goes past the last date we can handle.
booking-email-not-verified = This hub takes bookings only from people who have confirmed their email address. Please follow the link in the welcome email we sent you, or ask for a new link from your account.
