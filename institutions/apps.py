from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutionsConfig(AppConfig):
    name = "institutions"
    verbose_name = _("Institutions")

    def ready(self) -> None:
        from institutions import signals  # noqa: F401 — cache invalidation of the institution picker
        from institutions.plugins import register

        register()
