# Payments: paying at the desk, refunds and the payments report.

payment-managers-only = Only the hub's managers can record payments or read the payments report.
payment-not-required = This booking is free: there is nothing to pay.
payment-booking-closed = This booking was called off before it was paid: there is nothing to pay.
payment-already-paid = This booking is already paid. To give money back, record a refund.
payment-refund-positive = Please enter an amount greater than zero.
payment-refund-too-much = { $max ->
    [0] Nothing was received for this booking, so nothing can be given back.
   *[other] You can give back at most { $max } (in cents) of what was received.
}
payment-report-instant = "{ $value }" is not a moment in time. Write it like 2026-11-01T00:00:00Z.
payment-paid-online = This booking is paid online. The money is taken and given back through the online payment, not at the desk.
payment-not-authorized = The customer has not authorised the payment yet, so the request cannot be approved. Please wait for the payment or decline the request.
payment-stripe-not-configured = Online payments are not set up on this server. Ask the server's administrator to connect a Stripe account.
payment-no-payout-account = This organization has not started receiving online payments yet.
payment-provider-unavailable = The payment service did not answer. Nothing was charged twice: please try again in a moment.
payment-account-id-invalid = Write the Stripe account id as Stripe shows it, like acct_1A2b3C.
