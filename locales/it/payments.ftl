# Pagamenti: pagare allo sportello, rimborsi e il resoconto dei pagamenti.

payment-managers-only = Solo chi gestisce l'hub può registrare i pagamenti o leggere il resoconto dei pagamenti.
payment-not-required = Questa prenotazione è gratuita: non c'è niente da pagare.
payment-booking-closed = Questa prenotazione è stata annullata prima del pagamento: non c'è niente da pagare.
payment-already-paid = Questa prenotazione è già pagata. Per restituire dei soldi, registra un rimborso.
payment-refund-positive = Scrivi un importo maggiore di zero.
payment-refund-too-much = { $max ->
    [0] Per questa prenotazione non è stato ricevuto niente, quindi non si può restituire niente.
   *[other] Puoi restituire al massimo { $max } (in centesimi) di quanto ricevuto.
}
payment-report-instant = "{ $value }" non è un momento preciso. Scrivilo così: 2026-11-01T00:00:00Z.
