from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from core import languages
        from core.sites import check_site_url

        languages.install()
        checks.register(check_site_url, checks.Tags.security, deploy=True)
