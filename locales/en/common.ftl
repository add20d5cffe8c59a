# Messages shared by every part of the API: who may ask, and the input rules
# that are the same everywhere. Plain words: say what happened and what to do.

error-login-required = Please log in to do this.
error-session-ended = Your session has expired or was closed. Please log in again.
error-role-not-allowed = Your role in this hub does not allow this.
error-platform-admin-only = Only the people who run this platform can do this.
error-internal = Something went wrong on our side. Please try again; if it happens again, give us this reference: { $reference }.
error-retry-exhausted = Too many people are changing the same thing right now. Please try again.
error-rule-broken = This would break one of the rules that keep the records right ({ $rule }). Nothing was changed.
error-hub-header-missing = This request is about a hub: name the hub in the X-Tenant header.
error-hub-unknown = There is no hub called "{ $slug }".

input-required = Please fill this in.
input-not-negative = This cannot be a negative number.
input-empty = Please fill this in: it cannot be empty.
input-too-long = Please use at most { $max } characters.
input-control-characters = Please write this on one line, without special characters.
input-whole-number-range = Please use a whole number from { $min } to { $max }.
input-not-an-id = "{ $value }" is not an id we know how to read.
input-not-a-date = "{ $value }" is not a date. Write it like 2026-12-24.
input-not-a-time = "{ $value }" is not a time of day. Write it like 09:30.
input-end-before-start = The end must come after the start.
input-choose-at-least-one = Please choose at least one.
input-page-size = Ask for 1 to { $max } items at a time.
input-cursor-invalid = This page marker is not one we gave out. Please start again from the first page.

money-negative = An amount cannot be negative.
money-too-large = This amount is too large: the most we accept is 1,000,000.00.

error-bad-request = We could not read this request: { $detail }
error-invalid-request = This request is not valid: { $detail }
limit-query-cost = This query asks for too much at once: { $cost } fields, counting fragments and pages, where the limit is { $max }. Ask for fewer fields or smaller pages.
limit-aliases = This query uses { $aliases } aliases; the limit is { $max }.
limit-fragment-depth = Fragments in this query spread other fragments more than { $max } levels deep.
limit-one-password-check = Send one logIn or signUp per request.
limit-batch = Send at most { $max } operations in one batch.
limit-hashing-busy = The server is busy checking other passwords. Please try again in a few seconds.
rate-limited-log-in = Too many log-in attempts. Please wait { $seconds } seconds and try again.
rate-limited-sign-up = Too many sign-ups. Please wait { $seconds } seconds and try again.
rate-limited-email = Too many emails asked for. Please wait { $seconds } seconds and try again.
