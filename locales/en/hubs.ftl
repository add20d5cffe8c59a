# Hubs and their members.

hub-slug-invalid = "{ $slug }" cannot be a hub's address. Use 3 to 40 small letters, digits and hyphens (not at the start or end).
hub-time-zone-unknown = "{ $value }" is not a time zone we know. Use a name like Europe/Rome.
hub-currency-unsupported = We do not handle "{ $value }" yet. Choose one of: { $supported }.
hub-commission-range = The commission is in hundredths of a percent: from 0 to 10000 (that is, 100%).
hub-slug-taken = Another hub already uses this address.
member-exists = This person is already a member of the hub. Change their role instead.
member-missing = This person is not a member of the hub.
hub-last-manager = A hub needs at least one manager. Make someone else a manager first.
account-unknown-email = Nobody has an account with { $email }. Ask the person to sign up first.
hub-settings-managers-only = Only the hub's managers can change its settings.
