# La pagina per disattivare le email con un clic (/unsubscribe/<link>).

unsubscribe-title = Non ricevere più queste email
unsubscribe-ask-reminders = Vuoi smettere di ricevere un promemoria il giorno prima di ogni prenotazione? Le email sulle tue prenotazioni e sui pagamenti continueranno ad arrivare.
unsubscribe-ask-digests = Vuoi smettere di ricevere l'avviso giornaliero sulle email non recapitate? L'elenco di quelle email resta su portineria.
unsubscribe-button = Sì, non inviarle più
unsubscribe-done-reminders = Fatto: non riceverai più promemoria. Puoi riattivarli quando vuoi nelle impostazioni di portineria.
unsubscribe-done-digests = Fatto: non riceverai più l'avviso giornaliero. Puoi riattivarlo quando vuoi nelle impostazioni di portineria.
unsubscribe-not-found-title = Link non trovato
unsubscribe-not-found = Questo link non funziona. Controlla di averlo copiato per intero.
unsubscribe-failed = Qualcosa non ha funzionato da parte nostra e non è cambiato nulla. Riprova tra qualche minuto.
