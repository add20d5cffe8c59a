# The one-click unsubscribe page (/unsubscribe/<link>).

unsubscribe-title = Stop these emails
unsubscribe-ask-reminders = Do you want to stop getting a reminder the day before each booking? Emails about your bookings and payments keep coming.
unsubscribe-ask-digests = Do you want to stop getting the daily note about emails that could not be delivered? The list of those emails stays in portineria.
unsubscribe-button = Yes, stop them
unsubscribe-done-reminders = Done: you will not get reminders any more. You can turn them back on in your portineria settings.
unsubscribe-done-digests = Done: you will not get the daily note any more. You can turn it back on in your portineria settings.
unsubscribe-not-found-title = Link not found
unsubscribe-not-found = This link does not work. Please check that you copied it whole.
unsubscribe-failed = Something went wrong on our side, and nothing was changed. Please try again in a few minutes.
