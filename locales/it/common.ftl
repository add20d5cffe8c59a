# Messaggi comuni a tutta l'API: chi può chiedere cosa, e le regole dei dati
# uguali ovunque. Parole semplici: cosa è successo e cosa fare.

error-login-required = Accedi per continuare.
error-session-ended = La tua sessione è scaduta o è stata chiusa. Accedi di nuovo.
error-role-not-allowed = Il tuo ruolo in questo hub non lo permette.
error-platform-admin-only = Solo chi gestisce la piattaforma può farlo.
error-internal = Qualcosa non ha funzionato da parte nostra. Riprova; se succede ancora, comunicaci questo riferimento: { $reference }.
error-retry-exhausted = In questo momento troppe persone stanno cambiando la stessa cosa. Riprova.
error-rule-broken = Questo violerebbe una delle regole che tengono in ordine i dati ({ $rule }). Non è stato cambiato nulla.
error-hub-header-missing = Questa richiesta riguarda un hub: indica l'hub nell'intestazione X-Tenant.
error-hub-unknown = Non esiste un hub chiamato "{ $slug }".

input-required = Compila questo campo.
input-not-negative = Questo numero non può essere negativo.
input-empty = Compila questo campo: non può essere vuoto.
input-too-long = Usa al massimo { $max } caratteri.
input-control-characters = Scrivi su una sola riga, senza caratteri speciali.
input-whole-number-range = Usa un numero intero da { $min } a { $max }.
input-not-an-id = "{ $value }" non è un identificativo che sappiamo leggere.
input-not-a-date = "{ $value }" non è una data. Scrivila così: 2026-12-24.
input-not-a-time = "{ $value }" non è un orario. Scrivilo così: 09:30.
input-end-before-start = La fine deve venire dopo l'inizio.
input-choose-at-least-one = Scegli almeno uno.
input-page-size = Chiedi da 1 a { $max } elementi alla volta.
input-cursor-invalid = Questo segnaposto di pagina non è uno dei nostri. Ricomincia dalla prima pagina.

money-negative = Un importo non può essere negativo.
money-too-large = Questo importo è troppo alto: il massimo che accettiamo è 1.000.000,00.

error-bad-request = Non riusciamo a leggere questa richiesta: { $detail }
error-invalid-request = Questa richiesta non è valida: { $detail }
limit-query-cost = Questa richiesta chiede troppo in una volta: { $cost } campi, contando frammenti e pagine, mentre il limite è { $max }. Chiedi meno campi o pagine più piccole.
limit-aliases = Questa richiesta usa { $aliases } alias; il limite è { $max }.
limit-fragment-depth = I frammenti di questa richiesta ne includono altri per più di { $max } livelli.
limit-one-password-check = Invia un solo logIn o signUp per richiesta.
limit-batch = Invia al massimo { $max } operazioni in un unico gruppo.
limit-hashing-busy = Il server sta verificando altre password. Riprova tra qualche secondo.
rate-limited-log-in = Troppi tentativi di accesso. Attendi { $seconds } secondi e riprova.
rate-limited-sign-up = Troppe registrazioni. Attendi { $seconds } secondi e riprova.
rate-limited-email = Troppe email richieste. Attendi { $seconds } secondi e riprova.
