# Le pagine di chi abita e lavora nel hub: il hub e la ricerca, una
# proposta, la prenotazione, le mie prenotazioni, una serie settimanale.
# Parole semplici: dire cosa è successo e cosa fare dopo.

page-resident-hub-offer = Cosa puoi prenotare qui
page-resident-hub-counts = { $spaces ->
    [0] Nessuno spazio
    [one] Uno spazio
   *[other] { $spaces } spazi
} e { $services ->
    [0] nessun servizio.
    [one] un servizio.
   *[other] { $services } servizi.
}
page-resident-hub-categories = Tipi di cose:
page-resident-hub-nothing = Per ora qui non c'è niente da prenotare.
page-resident-hub-log-in-for-more = Vedi quello che il hub mostra a tutti. Entra come socio per vedere tutto quello che offre.
page-resident-search = Cerca
page-resident-search-kind = Cosa
page-resident-search-any = Qualsiasi
page-resident-search-category = Tipo
page-resident-search-text = Parole da cercare
page-resident-search-when = Libero a un certo orario (se vuoi)
page-resident-search-when-hint = Scegli un giorno, un orario di inizio e uno di fine per vedere solo quello che è libero in quel momento.
page-resident-search-button = Cerca
page-resident-results = Cosa abbiamo trovato
page-resident-all-listings = Tutto quello che puoi prenotare
page-resident-results-caption = { $count ->
    [one] Una proposta. Aprila per vedere quando è libera.
   *[other] { $count } proposte. Aprine una per vedere quando è libera.
}
page-resident-col-title = Nome
page-resident-col-kind = Genere
page-resident-col-category = Tipo
page-resident-col-organization = Offerto da
page-resident-col-price = Prezzo
page-resident-more-results = Mostra altri risultati
page-resident-no-results = Nessun risultato per questa ricerca. Prova altre parole o un altro orario.
page-resident-kind-space = Spazio
page-resident-kind-service = Servizio
page-resident-kind-wrong = Scegli uno spazio o un servizio.

page-resident-unit-minutes = ogni { $minutes } minuti
page-resident-unit-hour = ogni ora
page-resident-unit-day = al giorno
page-resident-unit-month = al mese
page-resident-price-free = Gratis
page-resident-price-per-unit = { $amount } { $unit }
page-resident-price-per-seat = { $amount } { $unit } per ogni posto
page-resident-price-members = i soci pagano { $amount }
page-resident-approval = Come viene confermata
page-resident-approval-instant = Subito, quando prenoti
page-resident-approval-request = Il hub dice sì o no a ogni richiesta

page-resident-address = Indirizzo
page-resident-capacity = Posti
page-resident-capacity-value = { $count ->
    [one] una persona o unità alla volta
   *[other] { $count } persone o unità alla volta
}
page-resident-unit = Si prenota
page-resident-units-range = da { $min } a { $max } alla volta
page-resident-policy = Se annulli
page-resident-policy-tier = Almeno { $hours } ore prima dell'inizio: ti restituiamo il { $percent }%.
page-resident-policy-until-start = Fino all'inizio: ti restituiamo il { $percent }%.
page-resident-policy-later = Dopo: non ti restituiamo niente.
page-resident-policy-none = Se annulli, non ti restituiamo niente.
page-resident-hours = Orari di apertura
page-resident-hours-none = Non ci sono ancora orari di apertura, quindi non si può prenotare.
page-resident-exceptions = Giorni speciali
page-resident-exception-open = aperto anche { $opens }–{ $closes }
page-resident-exception-closed-between = chiuso { $opens }–{ $closes }
page-resident-exception-closed = chiuso tutto il giorno
page-resident-weekday-monday = Lunedì
page-resident-weekday-tuesday = Martedì
page-resident-weekday-wednesday = Mercoledì
page-resident-weekday-thursday = Giovedì
page-resident-weekday-friday = Venerdì
page-resident-weekday-saturday = Sabato
page-resident-weekday-sunday = Domenica
page-resident-free = Quando è libero
page-resident-free-window = Orari liberi da { $from } a { $to }, secondo l'ora del hub.
page-resident-free-none = niente di libero
page-resident-free-seats = { $count ->
    [one] un posto libero
   *[other] { $count } posti liberi
}
page-resident-weeks-previous = Le due settimane prima
page-resident-weeks-next = Le due settimane dopo
page-resident-free-from-today = Vedi gli orari liberi da oggi
page-resident-book = Prenota
page-resident-field-date = Giorno
page-resident-field-start = Ora di inizio
page-resident-field-end = Ora di fine
page-resident-field-from = Dalle
page-resident-field-to = Alle
page-resident-field-seats = Posti o unità
page-resident-end-hint = La fine alle 00:00 vuol dire mezzanotte, alla fine del giorno.
page-resident-see-price = Vedi il prezzo
page-resident-series-link = Prenota lo stesso orario ogni settimana

page-resident-date-missing = Scegli un giorno.
page-resident-date-wrong = Questo giorno non esiste. Scrivilo come anno-mese-giorno, per esempio 2026-11-25.
page-resident-time-missing = Scrivi un orario.
page-resident-time-wrong = Questo orario non esiste. Scrivilo come ore:minuti, per esempio 09:30.
page-resident-end-before-start = La fine deve venire dopo l'inizio. Controlla i due orari.
page-resident-seats-wrong = Scrivi un numero intero da 1 a { $most }.
page-resident-key-wrong = Questo modulo non è completo. Torna alla pagina del prezzo, ricaricala e riprova.

page-resident-quote-title = Prenota { $title }
page-resident-back-to-listing = Torna a { $title }
page-resident-when = Quando
page-resident-not-bookable = Non si può prenotare
page-resident-try-other-time = Scegli un altro orario
page-resident-price = Prezzo
page-resident-price-caption = Cosa paghi, voce per voce
page-resident-line-what = Cosa
page-resident-line-quantity = Quanti
page-resident-line-each = Ciascuno
page-resident-line-amount = Importo
page-resident-line-base = Il tempo che prenoti
page-resident-line-seats = Posti in più
page-resident-line-member-discount = Sconto per i soci
page-resident-total = Totale
page-resident-tax-included = Tasse comprese: { $amount }.
page-resident-payment = Pagamento
page-resident-pay-nothing = Non c'è niente da pagare.
page-resident-pay-desk = Paghi { $amount } allo sportello di { $hub }. Il hub registra il tuo pagamento.
page-resident-pay-desk-now = Paga allo sportello di { $hub }. Il hub registra il tuo pagamento.
page-resident-pay-card = Questo hub prende pagamenti con carta: { $amount }.
page-resident-pay-card-here = Dopo la conferma paghi con carta sulla pagina sicura di Stripe. I dati della carta vanno solo a Stripe, mai a questo sito. Finché non è pagata, la prenotazione può essere annullata dopo il tempo che il hub indica.
page-resident-feed = Le tue prenotazioni nel calendario
page-resident-feed-intro = Iscriviti una volta dalla tua app di calendario (sul telefono, Outlook, Google Calendar) e le tue prenotazioni in questo hub compaiono lì, sempre aggiornate.
page-resident-feed-replaces = Se hai già un indirizzo, quello nuovo lo sostituisce e il vecchio smette di funzionare.
page-resident-feed-button = Ottieni l'indirizzo del mio calendario
page-resident-feed-title = L'indirizzo del tuo calendario
page-resident-feed-secret = Questo indirizzo è solo tuo: chi lo ha vede le tue prenotazioni qui. Lo vedi solo adesso; puoi ottenerne uno nuovo quando vuoi dalle tue prenotazioni.
page-resident-feed-address = Indirizzo a cui iscriversi
page-resident-feed-open = Aprilo nella tua app di calendario
page-resident-card-intro = Paga { $amount } con carta sulla pagina sicura di Stripe. I dati della carta vanno solo a Stripe, mai a questo sito.
page-resident-card-held = Per ora la carta è solo bloccata. L'importo è addebitato se il hub dice sì, e sbloccato se dice no.
page-resident-card-button = Paga con carta
page-resident-card-paid = Grazie. Stripe sta confermando il pagamento: ricarica la pagina tra poco per vederlo.
page-resident-card-back = Sei tornato senza pagare. Puoi pagare con carta qui sotto finché la prenotazione è in attesa.
page-resident-card-title = Paga con carta
page-resident-card-onward = La pagina di Stripe accetta la carta fino a { $until }. I dati della carta vanno solo a Stripe, mai a questo sito. Dopo Stripe ti riporta alla tua prenotazione.
page-resident-card-link = Vai alla pagina di pagamento di Stripe
page-resident-card-no-link = Stripe non ha dato una pagina di pagamento valida. Riprova tra qualche minuto.
page-resident-pay-if-approved = Paghi solo se il hub dice sì.
page-resident-confirmation = Conferma
page-resident-confirm-instant = La tua prenotazione è confermata subito.
page-resident-confirm-request = Questa è una richiesta: il posto resta tenuto per te mentre aspetti la risposta del hub. Ricevi la risposta per email.
page-resident-note = Un messaggio per il hub (se vuoi)
page-resident-book-now = Prenota ora
page-resident-send-request = Invia la richiesta
page-resident-booked-confirmed = Fatto: la tua prenotazione è confermata.
page-resident-booked-requested = La tua richiesta è inviata. Ora aspetti la risposta del hub.
page-resident-booked-awaiting-payment = Il posto resta tenuto per te finché non paghi.

page-resident-my-bookings = Le mie prenotazioni
page-resident-upcoming = In arrivo
page-resident-upcoming-caption = { $count ->
    [one] Una prenotazione in arrivo
   *[other] { $count } prenotazioni in arrivo
}
page-resident-upcoming-none = Non hai prenotazioni in arrivo.
page-resident-find-something = Trova qualcosa da prenotare
page-resident-past = Passate
page-resident-past-caption = { $count ->
    [one] Una prenotazione passata
   *[other] { $count } prenotazioni passate
}
page-resident-past-none = Nessuna prenotazione passata.
page-resident-more-bookings = Mostra altre prenotazioni
page-resident-all-my-bookings = Tutte le mie prenotazioni
page-resident-status = Stato
page-resident-status-confirmed = Confermata
page-resident-status-requested = In attesa della risposta del hub
page-resident-status-awaiting-payment = In attesa del tuo pagamento
page-resident-status-declined = Rifiutata dal hub
page-resident-status-cancelled = Annullata
page-resident-status-expired = Nessuna risposta in tempo: annullata
page-resident-status-completed = Conclusa
page-resident-status-no-show = Non sei venuto

page-resident-booking-title = La tua prenotazione: { $title }
page-resident-answer-by = Il hub risponde entro { $when }. Se non risponde, la richiesta viene annullata.
page-resident-reason = Il motivo: { $reason }
page-resident-calendar-file = Aggiungi al mio calendario (file .ics)
page-resident-payment-how = Come
page-resident-payment-online = Online, con carta
page-resident-payment-at-desk = Allo sportello del hub
page-resident-payment-where = A che punto è
page-resident-payment-total = Da pagare
page-resident-payment-received = Pagato finora
page-resident-payment-held = Bloccato sulla tua carta
page-resident-payment-given-back = Restituito
page-resident-payment-failure = L'ultimo pagamento con carta non è andato a buon fine: { $failure }
page-resident-payment-none = Per ora non c'è niente da pagare.
page-resident-payment-not-required = Niente da pagare
page-resident-payment-due = Ancora da pagare
page-resident-payment-requires-action = La tua banca deve confermare il pagamento
page-resident-payment-authorized = Bloccato sulla tua carta, non ancora preso
page-resident-payment-paid = Pagato
page-resident-payment-partially-refunded = Pagato, in parte restituito
page-resident-payment-refunded = Pagato, tutto restituito
page-resident-payment-failed = Il pagamento non è andato a buon fine
page-resident-payment-cancelled = Annullato prima di pagare
page-resident-schedule-step = Se annulli entro { $until }: ti restituiamo il { $percent }%.
page-resident-schedule-after = Dopo: non ti restituiamo niente.
page-resident-refund-now = Se annulli adesso, ti restituiamo { $amount } su { $total }.
page-resident-refund-due = Ti restituiamo { $amount }.
page-resident-refund-nothing-due = Non ti restituiamo niente.
page-resident-cancel = Annulla questa prenotazione
page-resident-cancel-reason = Perché annulli (se vuoi)
page-resident-cancel-button = Annulla la prenotazione
page-resident-cancelled-refund = La tua prenotazione è annullata. Ti restituiamo { $amount }.
page-resident-cancelled-no-refund = La tua prenotazione è annullata. Non ti restituiamo niente.

page-resident-series-title = Prenota { $title } ogni settimana
page-resident-series-intro = Scegli i giorni della settimana, gli orari e per quante settimane. Prenotiamo ogni volta che si può e ti diciamo quali volte non si sono potute prenotare, e perché.
page-resident-field-weekday = Giorni della settimana
page-resident-field-first = Dal
page-resident-first-hint = La prima prenotazione è in uno dei giorni scelti, in questa data o dopo.
page-resident-field-weeks = Quante settimane
page-resident-series-skip-hint = Una volta già occupata o chiusa viene saltata; le altre vengono prenotate.
page-resident-series-button = Prenota ogni settimana
page-resident-series-booked = { $count ->
    [one] Una prenotazione fatta
   *[other] { $count } prenotazioni fatte
}
page-resident-series-skipped = { $count ->
    [0] Niente saltato
    [one] Una volta saltata
   *[other] { $count } volte saltate
}
page-resident-weekday-wrong = Scegli almeno un giorno della settimana.
page-resident-weeks-wrong = Scrivi quante settimane, da 1 a { $most }.
page-resident-date-too-far = Questo giorno è troppo lontano. Scegli un giorno entro dieci anni da oggi.
