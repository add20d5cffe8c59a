# Calendari: l'evento di una prenotazione e i calendari da seguire.

calendar-event-description = { $hub } · { $quantity ->
    [one] 1 posto
   *[other] { $quantity } posti
}
calendar-feed-own = Le mie prenotazioni · { $hub }
calendar-feed-listing = { $listing } · { $hub }
calendar-feed-hub = Tutte le prenotazioni · { $hub }
calendar-listing-staff-only = Solo le persone dell'organizzazione che offre questo annuncio, e chi gestisce l'hub, possono seguirne il calendario.
calendar-hub-managers-only = Solo chi gestisce l'hub può seguire il calendario di tutto l'hub. Puoi seguire le tue prenotazioni.
calendar-listing-needed = Indica di quale annuncio vuoi il calendario (listingId).
calendar-listing-not-expected = Solo il calendario di un annuncio indica un annuncio. Togli listingId per il tuo calendario o per quello dell'hub.
