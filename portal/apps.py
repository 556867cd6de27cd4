from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from core.registry import demo_seeders
        from portal.demo import seed_foundation

        demo_seeders.register("foundation", seed_foundation)
