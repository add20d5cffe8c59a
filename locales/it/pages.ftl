# Le pagine per le persone: la cornice, l'accesso, le case e la mappa.
# Parole semplici: dire dove si è e cosa si può fare dopo.

page-skip-to-content = Vai al contenuto
page-nav-label = Principale
page-nav-map = Mappa
page-nav-my-bookings = Le mie prenotazioni
page-nav-provider = Le mie offerte
page-nav-manager = Scrivania della casa
page-log-in = Accedi
page-log-out = Esci
page-sign-up = Crea un account
page-footer = portineria: prenota gli spazi e i servizi del tuo quartiere.
page-back-home = Torna alla prima pagina
page-onward-back = Torna indietro senza lasciare il sito
page-not-found-title = Non trovato
page-not-found = A questo indirizzo non c'è nessuna pagina. Forse è stata spostata, o il link è incompleto.
page-forbidden-title = Non permesso
page-refused-title = Non è stato possibile farlo
page-form-refused-title = Questo modulo è scaduto
page-form-refused = Per la tua sicurezza non abbiamo accettato questo modulo. Torna indietro, ricarica la pagina e invialo di nuovo.
page-logged-out = Sei uscito.
page-link-sent = Se questo indirizzo ha un account, gli abbiamo mandato un'email con un link. Funziona per 30 minuti.
page-password-set = La nuova password è salvata. Ora puoi accedere con questa.
page-email-verified = Grazie: il tuo indirizzo email è confermato.

page-field-email = Indirizzo email
page-field-password = Password
page-field-new-password = Nuova password
page-field-name = Il tuo nome
page-password-hint = Almeno { $min } caratteri.

page-login-title = Accedi
page-login-by-link = Accedi con un link via email
page-login-forgot = Hai dimenticato la password?
page-login-no-account = Non hai ancora un account? Crealo
page-sign-up-title = Crea un account
page-magic-link-title = Accedi via email
page-magic-link-intro = Ti mandiamo un'email con un link. Aprilo su questo dispositivo per entrare, senza password.
page-send-link = Mandami il link
page-sign-in-title = Entra con il tuo link
page-sign-in-button = Entra ora
page-verify-title = Conferma il tuo indirizzo email
page-verify-button = Conferma il mio indirizzo
page-link-missing = Questo link non è completo. Aprilo di nuovo dalla tua email.
page-reset-title = Scegli una nuova password
page-reset-intro = Scrivi il tuo indirizzo email: ti mandiamo un link per scegliere una nuova password.
page-reset-set = Salva la nuova password

page-hubs-title = Le case vicino a te
page-hubs-intro = Ogni casa è un luogo del quartiere: sale, postazioni e servizi locali che puoi prenotare.
page-hubs-mine = Le tue case
page-hubs-public = Case con offerte aperte a tutti
page-hubs-listings = { $count ->
    [one] un'offerta
   *[other] { $count } offerte
}
page-hubs-none = Non c'è ancora niente di pubblico da mostrare.
page-hubs-see-map = Vedi tutto sulla mappa
page-map-title = Mappa di ciò che puoi prenotare
page-map-intro = Ogni offerta aperta a tutti, in ogni casa. Gli stessi dati, per altre mappe:
page-map-caption = { $count ->
    [one] Un'offerta sulla mappa. Ogni punto è un link alla sua pagina.
   *[other] { $count } offerte sulla mappa. Ogni punto è un link alla sua pagina.
}
page-map-list = Le stesse offerte in un elenco
page-kind-space = Spazio
page-kind-service = Servizio

page-weekday-1 = lun
page-weekday-2 = mar
page-weekday-3 = mer
page-weekday-4 = gio
page-weekday-5 = ven
page-weekday-6 = sab
page-weekday-7 = dom
page-month-1 = gen
page-month-2 = feb
page-month-3 = mar
page-month-4 = apr
page-month-5 = mag
page-month-6 = giu
page-month-7 = lug
page-month-8 = ago
page-month-9 = set
page-month-10 = ott
page-month-11 = nov
page-month-12 = dic

page-request-approve = Approva
page-request-approve-label = Approva la richiesta per { $title }
page-request-decline = Rifiuta
page-request-decline-label = Rifiuta la richiesta per { $title }
page-request-reason = Perché rifiuti (la persona lo legge)
page-request-approved = La richiesta è approvata: la persona riceve un'email.
page-request-declined = La richiesta è rifiutata: la persona riceve un'email con il tuo motivo.
