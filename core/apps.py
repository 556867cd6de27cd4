from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


def create_cache_table(*, using: str = "default", **kwargs: Any) -> None:
    """The database cache's table (lockouts and rate limits without Redis) comes with `migrate`.

    Infrastructure, not workflow: `manage.py createcachetable` is idempotent and does nothing when the cache is
    Redis or in memory, so every setup that migrates has its shared counts' table.
    """
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from core import languages
        from core.sites import check_site_url

        languages.install()
        checks.register(check_site_url, checks.Tags.security, deploy=True)
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="core.create_cache_table")
        from core import pagecache

        pagecache.connect()
