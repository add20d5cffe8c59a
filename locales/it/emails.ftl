# Email: ogni frase dei modelli in emails/.

email-greeting = Ciao { $name },
email-footer-customer = Ricevi questa email perché hai prenotato con { $hub } su portineria.
email-footer-staff = Ricevi questa email perché gestisci { $hub }, o offri lì questo spazio o servizio, su portineria.

email-booking-requested-subject = Nuova richiesta di prenotazione
email-booking-requested-lead = { $customer } chiede di prenotare "{ $listing }" il { $when }. Approva o rifiuta la richiesta su portineria: scade se nessuno risponde entro 48 ore.
email-booking-requested-answer = Puoi anche rispondere direttamente da questa email. Ogni link funziona una volta sola, finché c'è tempo per rispondere, e apre una pagina dove confermi.
email-booking-requested-approve = Accetta la richiesta
email-booking-requested-decline = Rifiuta la richiesta
email-booking-confirmed-subject = La tua prenotazione è confermata
email-booking-confirmed-lead = La tua prenotazione di "{ $listing }" il { $when } è confermata. Ti aspettiamo.
email-booking-declined-subject = La tua richiesta di prenotazione è stata rifiutata
email-booking-declined-lead = Ci dispiace: la tua richiesta di prenotare "{ $listing }" il { $when } è stata rifiutata. Il motivo: { $reason }. Non ti è stato addebitato nulla.
email-booking-declined-lead-no-reason = Ci dispiace: la tua richiesta di prenotare "{ $listing }" il { $when } è stata rifiutata. Non ti è stato addebitato nulla.
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

# Messaggi facoltativi (si possono disattivare) e come fermarli.
email-footer-reminder = Ricevi questo promemoria perché hai prenotato con { $hub } su portineria.
email-footer-digest = Ricevi questo avviso giornaliero perché gestisci { $hub } su portineria.
email-unsubscribe-reminders = Non vuoi più i promemoria? Disattivali con un clic:
email-unsubscribe-digests = Non vuoi più questi avvisi giornalieri? Disattivali con un clic:
email-booking-reminder-subject = Promemoria: la tua prenotazione si avvicina
email-booking-reminder-lead = Ti ricordiamo che hai prenotato "{ $listing }" presso { $hub } il { $when }.
email-booking-reminder-where = Dove: { $address }
email-booking-reminder-cannot-come = Se non puoi venire, annulla la prenotazione su portineria: così il posto resta libero per qualcun altro.
email-dead-letters-waiting-subject = { $count ->
    [one] Un'email non è stata recapitata
   *[other] { $count } email non sono state recapitate
}
email-dead-letters-waiting-lead = { $count ->
    [one] Un'email di { $hub } non è stata recapitata.
   *[other] { $count } email di { $hub } non sono state recapitate.
} La più vecchia aspetta da { $age }.
email-dead-letters-waiting-action = Puoi vederle e mandarle di nuovo dalla scrivania della casa, in "Email non consegnate", quando l'indirizzo è giusto:
email-age-under-an-hour = meno di un'ora
email-age-hours = { $hours ->
    [one] un'ora
   *[other] { $hours } ore
}
email-age-days = { $days ->
    [one] un giorno
   *[other] { $days } giorni
}
email-footer-provider = Ricevi questa email perché offri annunci con { $hub } su portineria.
email-listing-submitted-subject = Un annuncio aspetta il tuo controllo: { $listing }
email-listing-submitted-lead = { $organization } chiede di pubblicare "{ $listing }". Controllalo su portineria: pubblicalo, oppure rimandalo indietro spiegando il motivo, così sanno cosa cambiare.
email-listing-published-subject = Il tuo annuncio è pubblicato: { $listing }
email-listing-published-lead = "{ $listing }" ora è pubblicato su { $hub }: le persone possono trovarlo e prenotarlo.
email-listing-published-link = La sua pagina pubblica:
email-listing-rejected-subject = Il tuo annuncio va modificato: { $listing }
email-listing-rejected-lead = { $hub } ti ha rimandato "{ $listing }" come bozza, quindi non è ancora pubblicato.
email-listing-rejected-reason = Il motivo:
email-listing-rejected-next = Cambia quello che ti chiedono, poi invia di nuovo l'annuncio al controllo su portineria.
email-series-created-confirmed-subject = La tua prenotazione ricorrente è confermata
email-series-created-confirmed-lead = Le tue prenotazioni di "{ $listing }" sono confermate, { $count ->
    [one] per questa data:
   *[other] per queste { $count } date:
}
email-series-created-requested-subject = Le tue richieste di prenotazione ricorrente sono state inviate
email-series-created-requested-lead = Hai chiesto di prenotare "{ $listing }" { $count ->
    [one] per questa data:
   *[other] per queste { $count } date:
}
email-series-created-payment-subject = La tua prenotazione ricorrente aspetta il pagamento
email-series-created-payment-lead = Le tue prenotazioni di "{ $listing }" aspettano il pagamento, { $count ->
    [one] per questa data:
   *[other] per queste { $count } date:
}
email-series-created-skipped = { $count ->
    [one] Una data non si è potuta prenotare:
   *[other] { $count } date non si sono potute prenotare:
}
email-series-created-calendar = Il file di calendario allegato aggiunge tutte le date al tuo calendario.
email-series-created-requested-next = Le richieste aspettano la risposta dell'hub. Riceverai un'email quando ciascuna verrà approvata o rifiutata.
email-series-created-payment-next = Saranno confermate appena arriva il pagamento.
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
