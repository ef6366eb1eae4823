from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "labshare.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models.signals import pre_save

        from labshare.core.text import fold_before_save

        # Every save of our models, whichever path wrote it (form, import, API, admin).
        pre_save.connect(fold_before_save, dispatch_uid="labshare.single_line")
