# Email: ogni frase dei modelli in emails/.

email-greeting = Ciao { $name },
email-footer-customer = Ricevi questa email perché hai prenotato con { $hub } su portineria.
email-footer-staff = Ricevi questa email perché gestisci { $hub }, o offri lì questo spazio o servizio, su portineria.

email-booking-requested-subject = Nuova richiesta di prenotazione
email-booking-requested-lead = { $customer } chiede di prenotare "{ $listing }" il { $when }. Approva o rifiuta la richiesta su portineria: scade se nessuno risponde entro 48 ore.
email-booking-confirmed-subject = La tua prenotazione è confermata
email-booking-confirmed-lead = La tua prenotazione di "{ $listing }" il { $when } è confermata. Ti aspettiamo.
email-booking-declined-subject = La tua richiesta di prenotazione è stata rifiutata
email-booking-declined-lead = Ci dispiace: la tua richiesta di prenotare "{ $listing }" il { $when } è stata rifiutata. Il motivo: { $reason }. Non ti è stato addebitato nulla.
email-booking-expired-subject = La tua prenotazione non è andata a buon fine
email-booking-expired-lead = La tua prenotazione di "{ $listing }" il { $when } non è stata confermata in tempo (nessuna risposta o nessun pagamento), quindi il posto è stato liberato. Non ti è stato addebitato nulla.
email-booking-cancelled-subject = La tua prenotazione è annullata
email-booking-cancelled-lead = La tua prenotazione di "{ $listing }" il { $when } è annullata. Soldi restituiti secondo le condizioni: { $amount }.
email-payment-received-subject = Pagamento ricevuto
email-payment-received-lead = Abbiamo ricevuto { $amount } per "{ $listing }" il { $when }. Grazie.
email-payment-failed-subject = Il tuo pagamento non è andato a buon fine
email-payment-failed-lead = Il tuo pagamento di { $amount } per "{ $listing }" il { $when } non è andato a buon fine. Puoi provare con un'altra carta prima che la prenotazione scada.
email-payment-refunded-subject = Soldi restituiti
email-payment-refunded-lead = Ti stiamo restituendo { $amount } per "{ $listing }" il { $when }. Potrebbero servire alcuni giorni perché compaiano sul tuo conto.
dead-letter-not-found = Non c'è nessun messaggio non recapitato con questo id in questo hub.
email-footer-account = Ricevi questa email perché qualcuno l'ha chiesta con il tuo indirizzo su portineria.
email-link-not-you = Se non l'hai chiesto tu, ignora questa email: non cambia nulla.
email-magic-link-subject = Il tuo link per accedere
email-magic-link-lead = Segui questo link per accedere a portineria. Funziona una volta sola, per { $minutes } minuti.
email-magic-link-action = Accedi
email-password-reset-subject = Scegli una nuova password
email-password-reset-lead = Segui questo link per scegliere una nuova password. Funziona una volta sola, per { $minutes } minuti, e chiude le tue sessioni altrove.
email-password-reset-action = Scegli una nuova password
email-welcome-subject = Ti diamo il benvenuto su portineria
email-welcome-lead = Il tuo account su portineria è pronto: puoi prenotare spazi e servizi negli hub di cui fai parte.
email-welcome-verify = Conferma che questo indirizzo email è tuo seguendo il link qui sotto. Funziona una volta sola, per { $hours ->
        [one] un'ora
       *[other] { $hours } ore
    }.
email-welcome-why = Alcuni hub accettano prenotazioni solo da chi ha confermato il proprio indirizzo.
email-welcome-not-you = Se non hai creato tu questo account, puoi ignorare questa email.
email-verify-email-subject = Conferma il tuo indirizzo email
email-verify-email-lead = Segui il link qui sotto per confermare che questo indirizzo email è tuo. Funziona una volta sola, per { $hours ->
        [one] un'ora
       *[other] { $hours } ore
    }.
email-verify-action = Conferma il mio indirizzo email
