# Annunci: cosa offre un hub, orari di apertura, prezzi e ricerca.

listing-not-found = In questo hub non esiste questo annuncio.
listing-edit-forbidden = Solo i gestori dell'hub e i fornitori dell'organizzazione di questo annuncio possono modificarlo.
listing-review-managers-only = Solo i gestori dell'hub controllano gli annunci.
listing-step-not-allowed = { $status ->
    [DRAFT] Una bozza
    [PENDING_REVIEW] Un annuncio in attesa di controllo
    [PUBLISHED] Un annuncio pubblicato
   *[ARCHIVED] Un annuncio archiviato
} non può essere { $step ->
    [SUBMIT] inviato al controllo
    [PUBLISH] pubblicato
    [REJECT] respinto
   *[ARCHIVE] archiviato
}.
listing-hours-needed = Imposta gli orari di apertura (setAvailability) prima del controllo dell'annuncio.
listing-own-organization-only = I fornitori possono creare annunci solo per la propria organizzazione.
listing-archived = Un annuncio archiviato non può essere modificato.
listing-strands-bookings = { $count ->
    [one] Una prenotazione resterebbe
   *[other] { $count } prenotazioni resterebbero
} senza posto con questa modifica (la prima il { $first }). Annulla o sposta prima { $count ->
    [one] la prenotazione
   *[other] le prenotazioni
}, oppure mantieni { $what ->
    [capacity] il numero di posti attuale
    [length] la durata massima attuale
   *[hours] gli orari di apertura attuali
}.

price-member-above-normal = Il prezzo per i membri non può essere più alto del prezzo normale.
price-at-least-one-unit = Prenota almeno un'unità di tempo.
price-at-least-one-seat = Scegli almeno un posto.
listing-tax-rate-range = L'aliquota dell'imposta è in punti base, da 0 (nessuna imposta) a { $max } (50%): scrivi 2200 per il 22%.
listing-tax-beside-commission = Con la commissione di questo hub, { $commission } punti base, un'aliquota sopra { $max } punti base potrebbe lasciare al fornitore meno di niente. Scegli un'aliquota di al massimo { $max }.

cancellation-too-many-tiers = Una regola di cancellazione può avere al massimo { $max } scaglioni.
cancellation-refund-over-100 = Un rimborso non può superare il 100%.
cancellation-notice-too-long = Il preavviso non può superare le { $max } ore (un anno).
cancellation-duplicate-notice = Un altro scaglione ha già questo preavviso. Ogni preavviso può comparire una sola volta.
cancellation-earlier-refunds-less = Chi cancella prima non può ricevere meno di chi cancella dopo.

geo-latitude = La latitudine va da -90 a 90 gradi.
geo-longitude = La longitudine va da -180 a 180 gradi.
geo-box = Il lato sud dell'area deve stare sotto il lato nord, e il lato ovest a ovest del lato est.
geo-together = Indica latitudine e longitudine insieme.

hours-together = Indica insieme l'orario di apertura e quello di chiusura.
hours-too-many-rules = Sono ammesse al massimo { $max } fasce orarie settimanali.
hours-too-many-exceptions = Sono ammessi al massimo { $max } giorni speciali.
hours-close-by-midnight = L'orario di chiusura può essere al massimo le 24:00.
hours-close-after-open = L'orario di chiusura deve venire dopo quello di apertura.
hours-overlap = Questa fascia oraria si sovrappone a un'altra dello stesso giorno della settimana.
hours-extra-opening-needs-range = Un'apertura straordinaria ha bisogno dei suoi orari.
hours-exception-range = Gli orari devono finire dopo l'inizio, al più tardi alle 24:00.
hours-exception-overlap = Questo giorno speciale si sovrappone a un altro della stessa data.

listing-too-many-tags = Usa al massimo 20 etichette, ognuna di al massimo 40 caratteri.
listing-too-many-photos = Aggiungi al massimo 10 foto.
listing-photo-url = Una foto è un indirizzo web che inizia con http:// o https://.

search-too-many-days = Chiedi al massimo { $max } giorni alla volta.
search-radius = La distanza va da 0 a 500 km.
search-near-or-within = Cerca vicino a un punto o dentro un'area, non entrambe le cose.
search-distance-needs-near = Per ordinare per distanza, indica vicino a quale punto (filter.near).
search-too-many-words = Cerca con al massimo { $max } parole, { $chars } caratteri in tutto.
