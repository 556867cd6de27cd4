from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts import handlers  # noqa: F401
        from accounts.permissions import is_institution_admin
        from accounts.privacy import register
        from core.registry import institution_admins

        register()
        institution_admins.register("institution_admin", is_institution_admin)
