# Answer links: the pages a manager or provider sees after following a
# link in a booking request's email.

answer-page-title-approve = Approve this booking request?
answer-page-title-decline = Decline this booking request?
answer-page-hub = Hub
answer-page-listing = What
answer-page-customer = Who asks
answer-page-when = When
answer-page-once = Nothing happens until you press the button. The link works only once.
answer-page-reason-label = A reason for the person who asked (you can leave it empty; at most { $max } characters)
answer-page-approve-button = Yes, approve the request
answer-page-decline-button = Yes, decline the request
answer-done-approved-title = Request approved
answer-done-approved = Done: the booking is confirmed. { $customer } will get an email about it.
answer-done-declined-title = Request declined
answer-done-declined = Done: the request is declined. { $customer } will get an email about it.
answer-unknown-title = This link does not work
answer-unknown = We cannot find this link. Check that you copied the whole address from the email, or answer the request in portineria.
answer-used-title = This link was already used
answer-used = Each link works only once, and this one (or the other link in the same email) was already used.
answer-expired-title = This link has expired
answer-expired = The link stopped working because the request ran out of time. You can still see the booking in portineria.
answer-answered-title = This request is no longer waiting for an answer
answer-answered = Someone already answered it, or it expired or was cancelled. You can see how it ended in portineria.
answer-not-allowed-title = You can no longer answer this request
answer-not-allowed = Your role in the hub has changed since we sent the email, so this link no longer works for you.
answer-refused-title = The request could not be answered
answer-failed-title = Something went wrong
answer-failed = We could not answer the request just now. Please try again in a few minutes.
answer-too-large = What you sent is too long. Please go back and write a shorter reason (at most { $max } characters).
answer-nothing-changed = Nothing was changed.
