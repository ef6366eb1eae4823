from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "labshare.cooperation"
    label = "cooperation"
    verbose_name = _("R&D cooperation")
