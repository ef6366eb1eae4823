from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "labshare.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from labshare.core import periodic
        from labshare.insights import summary

        periodic.register("months summarised", summary.refresh)
