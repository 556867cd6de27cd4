from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontdeskConfig(AppConfig):
    name = "frontdesk"
    verbose_name = _("Citizen Office desks")

    def ready(self) -> None:
        from frontdesk.plugins import register

        register()
