# Organizations: the businesses, cooperatives and startups that offer listings.

organization-not-found = There is no such organization in this hub.
organization-phone-invalid = A phone number has 5 to 20 digits. Besides digits, use only spaces, +, -, dots and brackets.
organization-staff-only = Only the hub's managers and the organization's own providers can do this.
organization-providers-only = Only providers can act for an organization. Make this member a provider first.
organization-not-a-member = { $email } is not a member of this hub.
organization-not-acting = This person does not act for the organization.
organization-already-acting = This person already acts for the organization.
