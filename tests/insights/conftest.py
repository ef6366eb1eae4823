"""Insights fixtures: the billing tests' priced instrument, verified SME and frozen clock."""

from tests.billing import conftest as billing_fixtures

now = billing_fixtures.now
instrument = billing_fixtures.instrument
priced = billing_fixtures.priced
verified_sme = billing_fixtures.verified_sme
