# The hub manager's desk: requests, calendar, bookings, listings to
# review, members, audit log, payments, emails not delivered.

page-manager-only = This desk is for the hub's managers. If you should manage this hub, ask one of its managers to give you the role.
page-manager-nav-label = Hub desk
page-manager-nav = { $page ->
    [inbox] Requests
    [calendar] Calendar
    [review] Listings to review
    [members] Members
    [audit] Activity log
    [payments] Payments
   *[dead-letters] Emails not delivered
}
page-manager-first-page = Back to the first page
page-manager-next-page = Next page

page-manager-who = Who
page-manager-when = When
page-manager-listing = Listing
page-manager-quantity = Places
page-manager-price = Price
page-manager-commission = Hub's share
page-manager-note = Message
page-manager-no-note = No message.
page-manager-reason = Reason
page-manager-deadline = Answer by
page-manager-organization = Organization
page-manager-refund-due = To give back
page-manager-booked-at = Booked on
page-manager-status-label = Status
page-manager-status = { $status ->
    [REQUESTED] Waiting for an answer
    [AWAITING_PAYMENT] Waiting for payment
    [CONFIRMED] Confirmed
    [DECLINED] Declined
    [CANCELLED] Cancelled
    [EXPIRED] Expired, nobody answered
    [COMPLETED] Done
    [NO_SHOW] Nobody came
    [DRAFT] Draft
    [PENDING_REVIEW] Waiting for review
    [PUBLISHED] Published
    [ARCHIVED] Withdrawn
   *[other] { $status }
}
page-manager-role = Role
page-manager-role-name = { $role ->
    [MANAGER] Manager
    [PROVIDER] Provider (offers listings)
   *[MEMBER] Member (books)
}

page-manager-inbox-title = Requests waiting for an answer
page-manager-inbox-intro = { $count ->
    [one] One request waits for your answer. Approve it, or decline it and say why.
   *[other] { $count } requests wait for your answer. Approve each one, or decline it and say why.
}
page-manager-inbox-empty = No request is waiting for an answer. New requests appear here.

page-manager-calendar-title = Calendar
page-manager-calendar-date = Day
page-manager-calendar-view = Show
page-manager-calendar-view-name = { $view ->
    [week] The whole week
   *[day] Only this day
}
page-manager-calendar-show = Show the calendar
page-manager-calendar-move = Other days
page-manager-calendar-previous = { $view ->
    [week] Previous week
   *[day] Previous day
}
page-manager-calendar-next = { $view ->
    [week] Next week
   *[day] Next day
}
page-manager-calendar-today = { $view ->
    [week] This week
   *[day] Today
}
page-manager-calendar-caption-day = { $count ->
    [0] No booking on { $day }
    [one] One booking on { $day }
   *[other] { $count } bookings on { $day }
}
page-manager-calendar-caption-week = { $count ->
    [0] No booking from { $first } to { $last }
    [one] One booking from { $first } to { $last }
   *[other] { $count } bookings from { $first } to { $last }
}
page-manager-calendar-day = Day
page-manager-calendar-free = No booking.
page-manager-calendar-bad-date = "{ $value }" is not a day. Write it as year-month-day, for example 2026-10-25.

page-manager-booking-title = Booking: { $title }
page-manager-payment = Payment
page-manager-payment-way = How it is paid
page-manager-payment-provider = { $provider ->
    [STRIPE] Online, by card
   *[OFFLINE] At the desk
}
page-manager-payment-status = { $status ->
    [NOT_REQUIRED] Nothing to pay
    [DUE] To be paid
    [REQUIRES_ACTION] The customer must confirm with their bank
    [AUTHORIZED] Held on the card, not yet taken
    [PAID] Paid
    [PARTIALLY_REFUNDED] Paid, part given back
    [REFUNDED] Paid, all given back
    [FAILED] The payment did not go through
    [CANCELLED] Called off before payment
   *[other] { $status }
}
page-manager-payment-received = Received
page-manager-payment-refunded = Given back
page-manager-payment-method = How the customer paid
page-manager-payment-method-name = { $method ->
    [CASH] Cash
    [BANK_TRANSFER] Bank transfer
    [CARD_AT_DESK] Card at the desk
   *[OTHER] Another way
}
page-manager-payment-reference = Receipt or transfer number (if any)
page-manager-mark-paid = Record { $amount } as paid
page-manager-booking-paid = The payment is recorded.
page-manager-booking-method = Choose how the customer paid, then record the payment again.
page-manager-answer = Answer the request
page-manager-cancel = Cancel the booking
page-manager-cancel-intro = The place becomes free and the customer gets an email. When a manager cancels, the customer is owed everything they paid.
page-manager-cancel-reason = Why you cancel (the customer reads it; you may leave it empty)
page-manager-cancel-button = Cancel this booking
page-manager-booking-cancelled = The booking is cancelled: the customer gets an email.
page-manager-no-show = Nobody came
page-manager-no-show-intro = Use this when the booking has started and the customer did not come.
page-manager-no-show-button = Record that nobody came
page-manager-booking-no-show = Recorded: nobody came to this booking.
page-manager-history = What happened
page-manager-history-none = Nothing recorded yet.

page-manager-review-title = Listings to review
page-manager-review-intro = { $count ->
    [one] One listing waits for your review. Publish it, or send it back and say what to change.
   *[other] { $count } listings wait for your review. Publish each one, or send it back and say what to change.
}
page-manager-review-empty = No listing is waiting for review.
page-manager-review-kind = Kind
page-manager-review-address = Address
page-manager-review-capacity = Places at the same time
page-manager-review-approval = Bookings
page-manager-review-approval-mode = { $mode ->
    [REQUEST] Each request waits for an answer
   *[INSTANT] Confirmed at once
}
page-manager-review-sent = Last changed
page-manager-review-publish = Publish
page-manager-review-publish-label = Publish { $title }
page-manager-review-reason = What to change (the organization reads it)
page-manager-review-reject = Send back
page-manager-review-reject-label = Send back { $title }
page-manager-review-published = The listing is published: people can book it now.
page-manager-review-rejected = The listing is sent back to its organization with your reason.

page-manager-members-title = Members and roles
page-manager-members-add = Add a person
page-manager-members-add-intro = The person needs an account already: ask them to create one first.
page-manager-members-add-button = Add to the hub
page-manager-members-added = { $email } is now in the hub.
page-manager-members-list = Who is in the hub
page-manager-members-caption = { $count ->
    [one] One person
   *[other] { $count } people
}
page-manager-members-since = Since
page-manager-members-role-of = Role of { $name }
page-manager-members-change-label = Change the role of { $name }
page-manager-members-role-changed = The role is changed.
page-manager-members-remove = Remove { $name } from the hub
page-manager-members-leave = Leave the hub yourself
page-manager-members-removed = The person is no longer in the hub.
page-manager-members-bad-role = Choose a role from the list, then send the form again.

page-manager-audit-title = Activity log
page-manager-audit-intro = Everything done in the hub, newest first.
page-manager-audit-caption = What was done, by whom and when
page-manager-audit-empty = Nothing done yet.
page-manager-audit-who = Who
page-manager-audit-what = What
page-manager-audit-subject = About
page-manager-audit-server = The system
page-manager-audit-subject-name = { $subject ->
    [BOOKING] Booking
    [LISTING] Listing
    [PAYMENT] Payment
    [SERIES] Recurring booking
    [CALENDAR_FEED] Calendar feed
    [HUB] Hub settings
   *[other] { $subject }
}
page-manager-audit-action = { $action ->
    [createBooking] Booked
    [approveBooking] Approved a request
    [declineBooking] Declined a request
    [cancelBooking] Cancelled a booking
    [expire] A request expired
    [complete] A booking ended
    [markNoShow] Recorded that nobody came
    [markPaid] Recorded a payment
    [markRefunded] Recorded money given back
    [createListing] Created a listing
    [updateListing] Changed a listing
    [submitListing] Sent a listing for review
    [publishListing] Published a listing
    [rejectListing] Sent a listing back
    [archiveListing] Withdrew a listing
    [setAvailability] Changed opening hours
    [updateHubSettings] Changed the hub's settings
   *[other] { $action }
}

page-manager-payments-title = Payments
page-manager-payments-from = First day
page-manager-payments-to = Last day (included)
page-manager-payments-show = Show the payments
page-manager-payments-download = Download as a spreadsheet (CSV)
page-manager-payments-caption = Money per organization, from { $first } to { $last }
page-manager-payments-empty = No money moved from { $first } to { $last }.
page-manager-payments-gross = Taken
page-manager-payments-tax = Tax
page-manager-payments-refunds = Given back
page-manager-payments-net = Owed to the organization
page-manager-payments-bad-date = "{ $value }" is not a day. Write it as year-month-day, for example 2026-11-01.
page-manager-payments-backwards = The last day comes before the first day. Swap them and try again.

page-manager-dead-letters-title = Emails not delivered
page-manager-dead-letters-intro = These emails could not be delivered after several attempts. Check the address, then send again.
page-manager-dead-letters-empty = Every email was delivered.
page-manager-dead-letters-to = To
page-manager-dead-letters-written = Written
page-manager-dead-letters-attempts = Attempts
page-manager-dead-letters-answer = The mail server's last answer
page-manager-dead-letters-retry = Send again
page-manager-dead-letters-retry-label = Send "{ $subject }" to { $recipient } again
page-manager-dead-letters-retried = The email will be sent again in a moment.
page-manager-refund = Give money back
page-manager-refund-intro = Record here what you gave back at the desk. You cannot record more than was received.
page-manager-refund-amount = Amount given back ({ $currency }, like 12.50)
page-manager-refund-button = Record the refund
page-manager-booking-refunded = The refund is recorded.
page-manager-booking-amount = Write the amount given back as a number, like 12.50, then record it again.
