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
payment-paid-online = Questa prenotazione è pagata online. I soldi si incassano e si restituiscono con il pagamento online, non alla cassa.
payment-not-authorized = Chi ha prenotato non ha ancora autorizzato il pagamento, quindi la richiesta non si può approvare. Attendi il pagamento o rifiuta la richiesta.
payment-stripe-not-configured = I pagamenti online non sono attivi su questo server. Chiedi a chi gestisce il server di collegare un account Stripe.
payment-no-payout-account = Questa organizzazione non ha ancora attivato i pagamenti online.
payment-provider-unavailable = Il servizio di pagamento non ha risposto. Nessun addebito è stato fatto due volte: riprova tra poco.
payment-account-id-invalid = Scrivi l'id dell'account Stripe come lo mostra Stripe, per esempio acct_1A2b3C.
