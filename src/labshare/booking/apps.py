from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "labshare.booking"
    label = "booking"
    verbose_name = _("Instrument booking")

    def ready(self):
        # The catalogue's availability filter asks the booking engine (see catalog.availability).
        from labshare.booking.finder import BookingFinder
        from labshare.catalog import availability

        availability.register(BookingFinder())
