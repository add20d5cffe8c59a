# Link di risposta: le pagine che vede chi gestisce l'hub o offre il
# servizio dopo aver aperto un link nell'email di una richiesta.

answer-page-title-approve = Vuoi accettare questa richiesta di prenotazione?
answer-page-title-decline = Vuoi rifiutare questa richiesta di prenotazione?
answer-page-hub = Hub
answer-page-listing = Cosa
answer-page-customer = Chi la chiede
answer-page-when = Quando
answer-page-once = Non succede nulla finché non premi il pulsante. Il link funziona una volta sola.
answer-page-reason-label = Un motivo per chi ha chiesto (puoi lasciarlo vuoto; al massimo { $max } caratteri)
answer-page-approve-button = Sì, accetta la richiesta
answer-page-decline-button = Sì, rifiuta la richiesta
answer-done-approved-title = Richiesta accettata
answer-done-approved = Fatto: la prenotazione è confermata. { $customer } riceverà un'email.
answer-done-declined-title = Richiesta rifiutata
answer-done-declined = Fatto: la richiesta è rifiutata. { $customer } riceverà un'email.
answer-unknown-title = Questo link non funziona
answer-unknown = Non troviamo questo link. Controlla di aver copiato tutto l'indirizzo dall'email, oppure rispondi alla richiesta su portineria.
answer-used-title = Questo link è già stato usato
answer-used = Ogni link funziona una volta sola, e questo (o l'altro link della stessa email) è già stato usato.
answer-expired-title = Questo link è scaduto
answer-expired = Il link non funziona più perché il tempo per rispondere alla richiesta è finito. Puoi comunque vedere la prenotazione su portineria.
answer-answered-title = Questa richiesta non aspetta più una risposta
answer-answered = Qualcuno ha già risposto, oppure la richiesta è scaduta o è stata annullata. Puoi vedere com'è andata su portineria.
answer-not-allowed-title = Non puoi più rispondere a questa richiesta
answer-not-allowed = Il tuo ruolo nell'hub è cambiato da quando ti abbiamo mandato l'email, quindi questo link per te non funziona più.
answer-refused-title = Non è stato possibile rispondere alla richiesta
answer-failed-title = Qualcosa non ha funzionato
answer-failed = Non siamo riusciti a rispondere alla richiesta. Riprova tra qualche minuto.
answer-too-large = Il testo che hai mandato è troppo lungo. Torna indietro e scrivi un motivo più breve (al massimo { $max } caratteri).
answer-nothing-changed = Non è cambiato nulla.
