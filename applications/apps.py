from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Online applications and cases")

    def ready(self) -> None:
        from applications.plugins import register

        register()
        from applications.clocks import register as register_clock  # due dates move with the holidays

        register_clock()
