# Listings: what a hub offers, its opening hours, prices and search.

listing-not-found = There is no such listing in this hub.
listing-edit-forbidden = Only the hub's managers and the providers of this listing's organization can change it.
listing-review-managers-only = Only the hub's managers review listings.
listing-step-not-allowed = { $status ->
    [DRAFT] A draft
    [PENDING_REVIEW] A listing waiting for review
    [PUBLISHED] A published listing
   *[ARCHIVED] An archived listing
} cannot be { $step ->
    [SUBMIT] sent for review
    [PUBLISH] published
    [REJECT] rejected
   *[ARCHIVE] archived
}.
listing-hours-needed = Set the opening hours (setAvailability) before the listing is reviewed.
listing-own-organization-only = Providers can create listings only for their own organization.
listing-archived = An archived listing cannot be changed.
listing-strands-bookings = { $count ->
    [one] One booking
   *[other] { $count } bookings
} would be left without room by this change (the first on { $first }). Cancel or move { $count ->
    [one] it
   *[other] them
} first, or keep the current { $what ->
    [capacity] number of places
    [length] longest booking
   *[hours] opening hours
}.

price-member-above-normal = The price for members cannot be higher than the normal price.
price-at-least-one-unit = Please book at least one unit of time.
price-at-least-one-seat = Please choose at least one seat.
listing-tax-rate-range = The tax rate is in basis points, from 0 (no tax) to { $max } (50%): write 2200 for 22%.
listing-tax-beside-commission = With this hub's commission of { $commission } basis points, a tax rate above { $max } basis points could leave the provider less than nothing. Choose a tax rate of at most { $max }.

cancellation-too-many-tiers = A cancellation policy can have at most { $max } steps.
cancellation-refund-over-100 = A refund cannot be more than 100%.
cancellation-notice-too-long = The notice cannot be longer than { $max } hours (one year).
cancellation-duplicate-notice = Another step already has this notice. Each notice can appear only once.
cancellation-earlier-refunds-less = Cancelling earlier cannot give back less than cancelling later.

geo-latitude = Latitude goes from -90 to 90 degrees.
geo-longitude = Longitude goes from -180 to 180 degrees.
geo-box = The south edge of the area must be below its north edge, and its west edge west of its east edge.
geo-together = Give latitude and longitude together.

hours-together = Give the opening and the closing time together.
hours-too-many-rules = At most { $max } weekly time ranges are allowed.
hours-too-many-exceptions = At most { $max } special days are allowed.
hours-close-by-midnight = The closing time can be 24:00 at the latest.
hours-close-after-open = The closing time must come after the opening time.
hours-overlap = This time range overlaps another one on the same day of the week.
hours-extra-opening-needs-range = An extra opening needs its hours.
hours-exception-range = The hours must end after they start, by 24:00 at the latest.
hours-exception-overlap = This special day overlaps another one on the same date.

listing-too-many-tags = Use at most 20 tags, each of at most 40 characters.
listing-too-many-photos = Add at most 10 photos.
listing-photo-url = A photo is a web address that starts with http:// or https://.

search-too-many-days = Ask about at most { $max } days at a time.
search-radius = The distance goes from 0 to 500 km.
search-near-or-within = Search near a point or inside an area, not both.
search-distance-needs-near = To sort by distance, say near which point (filter.near).
search-too-many-words = Search with at most { $max } words, { $chars } characters in all.
