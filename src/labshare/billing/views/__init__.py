"""The billing pages: the customer's (charges, statements, vouchers), the provider's (prices,
charges, runs, statements, payments, disputes) and the operator's (programmes, verifications,
grants, settlements). Thin: parse, call one service, render or redirect."""
