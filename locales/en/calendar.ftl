# Calendars: a booking's event and the subscribable feeds.

calendar-event-description = { $hub } · { $quantity ->
    [one] 1 place
   *[other] { $quantity } places
}
calendar-feed-own = My bookings · { $hub }
calendar-feed-listing = { $listing } · { $hub }
calendar-feed-hub = All bookings · { $hub }
calendar-listing-staff-only = Only the people of the organization that offers this listing, and the hub's managers, can follow its calendar.
calendar-hub-managers-only = Only the hub's managers can follow the calendar of the whole hub. You can follow your own bookings.
calendar-listing-needed = Say which listing's calendar you want (listingId).
calendar-listing-not-expected = Only a listing's calendar names a listing. Leave listingId out for your own calendar or the hub's.
