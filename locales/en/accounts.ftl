# Accounts: signing up, logging in, passwords.

email-invalid = "{ $email }" is not an email address we can write to.
password-too-short = Please use a password of at least { $min } characters.
password-too-long = Please use a password of at most { $max } characters.
login-wrong = The email address or the password is wrong.
account-exists = There is already an account with this email address. Please log in instead.
link-unusable = This link does not work any more: it was already used, or it expired. Please ask for a new one.

# Mail preferences
error-mail-preferences-not-yours = Only the person themselves can see which emails they get.
verify-link-unusable = This confirmation link does not work any more: it was already used, or it expired. Log in and ask for a new one.
