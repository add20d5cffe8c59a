# Account: registrazione, accesso, password.

email-invalid = "{ $email }" non è un indirizzo email a cui possiamo scrivere.
password-too-short = Usa una password di almeno { $min } caratteri.
password-too-long = Usa una password di al massimo { $max } caratteri.
login-wrong = L'indirizzo email o la password non sono corretti.
account-exists = Esiste già un account con questo indirizzo email. Accedi invece di registrarti.
link-unusable = Questo link non funziona più: è già stato usato oppure è scaduto. Chiedine uno nuovo.

# Preferenze sulle email
error-mail-preferences-not-yours = Solo la persona stessa può vedere quali email riceve.
verify-link-unusable = Questo link di conferma non funziona più: è già stato usato oppure è scaduto. Accedi e chiedine uno nuovo.
