# Organizzazioni: attività, cooperative e startup che offrono annunci.

organization-not-found = In questo hub non esiste questa organizzazione.
organization-phone-invalid = Un numero di telefono ha da 5 a 20 cifre. Oltre alle cifre, usa solo spazi, +, -, punti e parentesi.
organization-staff-only = Solo i gestori dell'hub e i fornitori dell'organizzazione possono farlo.
organization-providers-only = Solo i fornitori possono agire per un'organizzazione. Rendi prima fornitore questo membro.
organization-not-a-member = { $email } non è membro di questo hub.
organization-not-acting = Questa persona non agisce per l'organizzazione.
organization-already-acting = Questa persona agisce già per l'organizzazione.
