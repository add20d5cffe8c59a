# Prenotazioni: richieste, risposte, cancellazioni e serie.

booking-not-found = In questo hub non esiste questa prenotazione.
booking-part-not-allowed = Il tuo ruolo in questa prenotazione non lo permette.
booking-slot-taken = { $left ->
    [0] Questo orario è già tutto prenotato.
    [one] Questo orario non è più libero per così tante persone: resta un solo posto.
   *[other] Questo orario non è più libero per così tante persone: restano { $left } posti su { $capacity }.
} Scegli un altro orario.
booking-listing-closed = Questo non si può prenotare in questo momento.
booking-payouts-not-ready = Si potrà prenotare quando chi lo offre avrà finito di attivare i pagamenti online. Riprova più tardi o chiedi all'hub.
booking-key-invalid = Invia una chiave da 1 a 100 caratteri, nuova per ogni prenotazione.
booking-key-reused = Questa chiave è già stata usata per un'altra prenotazione. Usane una nuova.
booking-no-show-too-early = Puoi segnare un'assenza solo dopo l'inizio della prenotazione.
booking-cannot-change = Questa prenotazione è { $status ->
    [REQUESTED] in attesa di risposta
    [AWAITING_PAYMENT] in attesa del pagamento
    [CONFIRMED] confermata
    [DECLINED] rifiutata
    [CANCELLED] annullata
    [EXPIRED] scaduta
    [COMPLETED] conclusa
   *[NO_SHOW] segnata come assenza
} e non può più cambiare in questo modo.
booking-seats-range = { $capacity ->
    [one] Qui si può prenotare un solo posto.
   *[other] Scegli da 1 a { $capacity } posti.
}
booking-lead-time = { $minutes ->
    [0] Questo orario è già passato. Scegli un orario successivo.
   *[other] Prenota con almeno { $minutes } minuti di anticipo.
}
booking-horizon = Puoi prenotare al massimo { $days } giorni prima.
booking-closed-then = A quell'ora è chiuso, oppure l'orario non corrisponde alle sue fasce. Scegli uno degli orari liberi.
booking-units-range = { $min ->
    [1] Qui puoi prenotare al massimo { $max } unità di tempo.
   *[other] Qui puoi prenotare da { $min } a { $max } unità di tempo.
}
booking-day-unavailable = Questo giorno non può essere mostrato.

series-until-or-count = Indica quando finisce la serie: un'ultima data o un numero di prenotazioni, non entrambi.
series-nothing-bookable = Nessuna data della serie si può prenotare.
series-clock-change = Il { $date } il cambio dell'ora non lascia tempo per questa prenotazione.
series-every-weeks = Scegli una ripetizione da 1 a 12 settimane.
series-no-weekday = Scegli almeno un giorno della settimana.
series-weekday-twice = Scegli ogni giorno della settimana una sola volta.
series-first-not-on-weekday = La prima prenotazione deve cadere in uno dei giorni scelti.
series-count-range = Una serie comprende da 1 a { $max } prenotazioni.
series-end-before-first = L'ultima data non può venire prima della prima prenotazione, il { $date }.
series-too-many = Scegli un'ultima data precedente: una serie ha al massimo { $max } prenotazioni.
series-beyond-calendar = La serie va oltre l'ultima data che possiamo gestire.
booking-email-not-verified = Questo hub accetta prenotazioni solo da chi ha confermato il proprio indirizzo email. Segui il link nell'email di benvenuto che ti abbiamo mandato, oppure chiedi un nuovo link dal tuo account.
