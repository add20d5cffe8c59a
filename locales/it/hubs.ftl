# Hub e membri.

hub-slug-invalid = "{ $slug }" non può essere l'indirizzo di un hub. Usa da 3 a 40 lettere minuscole, cifre e trattini (non all'inizio o alla fine).
hub-time-zone-unknown = "{ $value }" non è un fuso orario che conosciamo. Usa un nome come Europe/Rome.
hub-currency-unsupported = Non gestiamo ancora "{ $value }". Scegli tra: { $supported }.
hub-commission-range = La commissione è in centesimi di punto percentuale: da 0 a 10000 (cioè il 100%).
hub-slug-taken = Un altro hub usa già questo indirizzo.
member-exists = Questa persona è già membro dell'hub. Cambiane invece il ruolo.
member-missing = Questa persona non è membro dell'hub.
hub-last-manager = Un hub ha bisogno di almeno un gestore. Nomina prima un altro gestore.
account-unknown-email = Nessuno ha un account con { $email }. Chiedi alla persona di registrarsi prima.
hub-settings-managers-only = Solo chi gestisce l'hub può cambiarne le impostazioni.
