"""Booking pages: public calendars, the customer's reservations, the provider console and schedule."""
