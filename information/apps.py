from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationConfig(AppConfig):
    name = "information"
    verbose_name = _("Access to information")

    def ready(self) -> None:
        from information.plugins import register

        register()
        from information.clocks import register as register_clock  # due dates move with the holidays

        register_clock()
