# La scrivania di chi gestisce l'hub: richieste, calendario, prenotazioni,
# annunci da controllare, membri, registro, pagamenti, email non consegnate.

page-manager-only = Questa scrivania è per chi gestisce l'hub. Se devi gestirlo anche tu, chiedi il ruolo a uno dei gestori.
page-manager-nav-label = Scrivania dell'hub
page-manager-nav = { $page ->
    [inbox] Richieste
    [calendar] Calendario
    [review] Annunci da controllare
    [members] Membri
    [audit] Registro delle attività
    [payments] Pagamenti
   *[dead-letters] Email non consegnate
}
page-manager-first-page = Torna alla prima pagina
page-manager-next-page = Pagina successiva

page-manager-who = Chi
page-manager-when = Quando
page-manager-listing = Annuncio
page-manager-quantity = Posti
page-manager-price = Prezzo
page-manager-commission = Quota dell'hub
page-manager-note = Messaggio
page-manager-no-note = Nessun messaggio.
page-manager-reason = Motivo
page-manager-deadline = Rispondere entro
page-manager-organization = Organizzazione
page-manager-refund-due = Da restituire
page-manager-booked-at = Prenotata il
page-manager-status-label = Stato
page-manager-status = { $status ->
    [REQUESTED] In attesa di risposta
    [AWAITING_PAYMENT] In attesa di pagamento
    [CONFIRMED] Confermata
    [DECLINED] Rifiutata
    [CANCELLED] Annullata
    [EXPIRED] Scaduta, nessuno ha risposto
    [COMPLETED] Conclusa
    [NO_SHOW] Nessuno è venuto
    [DRAFT] Bozza
    [PENDING_REVIEW] Da controllare
    [PUBLISHED] Pubblicato
    [ARCHIVED] Ritirato
   *[other] { $status }
}
page-manager-role = Ruolo
page-manager-role-name = { $role ->
    [MANAGER] Gestore
    [PROVIDER] Fornitore (offre annunci)
   *[MEMBER] Membro (prenota)
}

page-manager-inbox-title = Richieste in attesa di risposta
page-manager-inbox-intro = { $count ->
    [one] Una richiesta aspetta la tua risposta. Approvala, oppure rifiutala e spiega perché.
   *[other] { $count } richieste aspettano la tua risposta. Approva ognuna, oppure rifiutala e spiega perché.
}
page-manager-inbox-empty = Nessuna richiesta aspetta una risposta. Le nuove richieste compaiono qui.

page-manager-calendar-title = Calendario
page-manager-calendar-date = Giorno
page-manager-calendar-view = Mostra
page-manager-calendar-view-name = { $view ->
    [week] Tutta la settimana
   *[day] Solo questo giorno
}
page-manager-calendar-show = Mostra il calendario
page-manager-calendar-move = Altri giorni
page-manager-calendar-previous = { $view ->
    [week] Settimana precedente
   *[day] Giorno precedente
}
page-manager-calendar-next = { $view ->
    [week] Settimana successiva
   *[day] Giorno successivo
}
page-manager-calendar-today = { $view ->
    [week] Questa settimana
   *[day] Oggi
}
page-manager-calendar-caption-day = { $count ->
    [0] Nessuna prenotazione { $day }
    [one] Una prenotazione { $day }
   *[other] { $count } prenotazioni { $day }
}
page-manager-calendar-caption-week = { $count ->
    [0] Nessuna prenotazione da { $first } a { $last }
    [one] Una prenotazione da { $first } a { $last }
   *[other] { $count } prenotazioni da { $first } a { $last }
}
page-manager-calendar-day = Giorno
page-manager-calendar-free = Nessuna prenotazione.
page-manager-calendar-bad-date = "{ $value }" non è un giorno. Scrivilo come anno-mese-giorno, per esempio 2026-10-25.

page-manager-booking-title = Prenotazione: { $title }
page-manager-payment = Pagamento
page-manager-payment-way = Come si paga
page-manager-payment-provider = { $provider ->
    [STRIPE] Online, con carta
   *[OFFLINE] Allo sportello
}
page-manager-payment-status = { $status ->
    [NOT_REQUIRED] Niente da pagare
    [DUE] Da pagare
    [REQUIRES_ACTION] Chi prenota deve confermare con la sua banca
    [AUTHORIZED] Bloccato sulla carta, non ancora preso
    [PAID] Pagato
    [PARTIALLY_REFUNDED] Pagato, una parte restituita
    [REFUNDED] Pagato, tutto restituito
    [FAILED] Il pagamento non è andato a buon fine
    [CANCELLED] Annullato prima del pagamento
   *[other] { $status }
}
page-manager-payment-received = Ricevuto
page-manager-payment-refunded = Restituito
page-manager-payment-method = Come ha pagato
page-manager-payment-method-name = { $method ->
    [CASH] Contanti
    [BANK_TRANSFER] Bonifico
    [CARD_AT_DESK] Carta allo sportello
   *[OTHER] In altro modo
}
page-manager-payment-reference = Numero di ricevuta o di bonifico (se c'è)
page-manager-mark-paid = Segna { $amount } come pagato
page-manager-booking-paid = Il pagamento è registrato.
page-manager-booking-method = Scegli come ha pagato, poi registra di nuovo il pagamento.
page-manager-answer = Rispondi alla richiesta
page-manager-cancel = Annulla la prenotazione
page-manager-cancel-intro = Il posto torna libero e chi ha prenotato riceve un'email. Quando annulla un gestore, va restituito tutto quello che è stato pagato.
page-manager-cancel-reason = Perché annulli (chi ha prenotato lo legge; puoi lasciarlo vuoto)
page-manager-cancel-button = Annulla questa prenotazione
page-manager-booking-cancelled = La prenotazione è annullata: chi ha prenotato riceve un'email.
page-manager-no-show = Nessuno è venuto
page-manager-no-show-intro = Usalo quando la prenotazione è iniziata e nessuno si è presentato.
page-manager-no-show-button = Registra che nessuno è venuto
page-manager-booking-no-show = Registrato: nessuno è venuto a questa prenotazione.
page-manager-history = Cosa è successo
page-manager-history-none = Ancora niente di registrato.

page-manager-review-title = Annunci da controllare
page-manager-review-intro = { $count ->
    [one] Un annuncio aspetta il tuo controllo. Pubblicalo, oppure rimandalo indietro e di' cosa cambiare.
   *[other] { $count } annunci aspettano il tuo controllo. Pubblica ognuno, oppure rimandalo indietro e di' cosa cambiare.
}
page-manager-review-empty = Nessun annuncio aspetta di essere controllato.
page-manager-review-kind = Tipo
page-manager-review-address = Indirizzo
page-manager-review-capacity = Posti nello stesso momento
page-manager-review-approval = Prenotazioni
page-manager-review-approval-mode = { $mode ->
    [REQUEST] Ogni richiesta aspetta una risposta
   *[INSTANT] Confermate subito
}
page-manager-review-sent = Ultima modifica
page-manager-review-publish = Pubblica
page-manager-review-publish-label = Pubblica { $title }
page-manager-review-reason = Cosa cambiare (l'organizzazione lo legge)
page-manager-review-reject = Rimanda indietro
page-manager-review-reject-label = Rimanda indietro { $title }
page-manager-review-published = L'annuncio è pubblicato: ora si può prenotare.
page-manager-review-rejected = L'annuncio è tornato all'organizzazione con il tuo motivo.

page-manager-members-title = Membri e ruoli
page-manager-members-add = Aggiungi una persona
page-manager-members-add-intro = La persona deve già avere un account: chiedile prima di crearne uno.
page-manager-members-add-button = Aggiungi all'hub
page-manager-members-added = { $email } ora fa parte dell'hub.
page-manager-members-list = Chi fa parte dell'hub
page-manager-members-caption = { $count ->
    [one] Una persona
   *[other] { $count } persone
}
page-manager-members-since = Dal
page-manager-members-role-of = Ruolo di { $name }
page-manager-members-change-label = Cambia il ruolo di { $name }
page-manager-members-role-changed = Il ruolo è cambiato.
page-manager-members-remove = Togli { $name } dall'hub
page-manager-members-leave = Esci tu dall'hub
page-manager-members-removed = La persona non fa più parte dell'hub.
page-manager-members-bad-role = Scegli un ruolo dall'elenco, poi invia di nuovo il modulo.

page-manager-audit-title = Registro delle attività
page-manager-audit-intro = Tutto quello che è stato fatto nell'hub, dal più recente.
page-manager-audit-caption = Cosa è stato fatto, da chi e quando
page-manager-audit-empty = Ancora niente di fatto.
page-manager-audit-who = Chi
page-manager-audit-what = Cosa
page-manager-audit-subject = Riguarda
page-manager-audit-server = Il sistema
page-manager-audit-subject-name = { $subject ->
    [BOOKING] Prenotazione
    [LISTING] Annuncio
    [PAYMENT] Pagamento
    [SERIES] Prenotazione ricorrente
    [CALENDAR_FEED] Calendario condiviso
    [HUB] Impostazioni dell'hub
   *[other] { $subject }
}
page-manager-audit-action = { $action ->
    [createBooking] Ha prenotato
    [approveBooking] Ha approvato una richiesta
    [declineBooking] Ha rifiutato una richiesta
    [cancelBooking] Ha annullato una prenotazione
    [expire] Una richiesta è scaduta
    [complete] Una prenotazione è conclusa
    [markNoShow] Ha registrato che nessuno è venuto
    [markPaid] Ha registrato un pagamento
    [markRefunded] Ha registrato una restituzione
    [createListing] Ha creato un annuncio
    [updateListing] Ha modificato un annuncio
    [submitListing] Ha mandato un annuncio al controllo
    [publishListing] Ha pubblicato un annuncio
    [rejectListing] Ha rimandato indietro un annuncio
    [archiveListing] Ha ritirato un annuncio
    [setAvailability] Ha cambiato gli orari
    [updateHubSettings] Ha cambiato le impostazioni dell'hub
   *[other] { $action }
}

page-manager-payments-title = Pagamenti
page-manager-payments-from = Primo giorno
page-manager-payments-to = Ultimo giorno (compreso)
page-manager-payments-show = Mostra i pagamenti
page-manager-payments-download = Scarica come foglio di calcolo (CSV)
page-manager-payments-caption = Soldi per organizzazione, da { $first } a { $last }
page-manager-payments-empty = Nessun movimento di soldi da { $first } a { $last }.
page-manager-payments-gross = Incassato
page-manager-payments-tax = Tasse
page-manager-payments-refunds = Restituito
page-manager-payments-net = Dovuto all'organizzazione
page-manager-payments-bad-date = "{ $value }" non è un giorno. Scrivilo come anno-mese-giorno, per esempio 2026-11-01.
page-manager-payments-backwards = L'ultimo giorno viene prima del primo. Scambiali e riprova.

page-manager-dead-letters-title = Email non consegnate
page-manager-dead-letters-intro = Queste email non sono state consegnate dopo vari tentativi. Controlla l'indirizzo, poi invia di nuovo.
page-manager-dead-letters-empty = Tutte le email sono state consegnate.
page-manager-dead-letters-to = A
page-manager-dead-letters-written = Scritta
page-manager-dead-letters-attempts = Tentativi
page-manager-dead-letters-answer = L'ultima risposta del server di posta
page-manager-dead-letters-retry = Invia di nuovo
page-manager-dead-letters-retry-label = Invia di nuovo "{ $subject }" a { $recipient }
page-manager-dead-letters-retried = L'email sarà inviata di nuovo tra poco.
page-manager-refund = Restituisci denaro
page-manager-refund-intro = Registra qui quanto hai restituito allo sportello. Non puoi registrare più di quanto hai ricevuto.
page-manager-refund-amount = Somma restituita ({ $currency }, per esempio 12,50)
page-manager-refund-button = Registra il rimborso
page-manager-booking-refunded = Il rimborso è registrato.
page-manager-booking-amount = Scrivi la somma restituita come numero, per esempio 12,50, poi registrala di nuovo.
