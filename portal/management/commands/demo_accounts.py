from django.core.management.base import BaseCommand
from django.utils import translation

from accounts.totp import totp_code
from core.terminal import terminal_language
from portal.demo import ADMIN_PASSWORD, CITIZEN_PASSWORD, DEMO_TOTP_SECRET, STAFF_PASSWORD, demo_staff_accounts


class Command(BaseCommand):
    help = "Print the local demo accounts and the current two-step verification code."

    def handle(self, *args: object, **options: object) -> None:
        # Role labels in the terminal's language (LANG=fr_FR.UTF-8: French; ar_MA: Arabic; else English).
        with translation.override(terminal_language()):
            self._print()

    def _print(self) -> None:
        code = totp_code(DEMO_TOTP_SECRET)
        w = self.stdout.write
        w("Demo accounts (local demo only — never in production):")
        w(
            "  Citizens: citizen1@demo.citizen-office.ma … citizen20@demo.citizen-office.ma  "
            f"password: {CITIZEN_PASSWORD}"
        )
        w(f"  Platform administrator: admin@demo.citizen-office.ma  password: {ADMIN_PASSWORD}")
        w(f"  Staff (password {STAFF_PASSWORD}), e.g.:")
        for email, label in demo_staff_accounts()[1:7]:
            w(f"    {email:45} {label}")
        w("    …and the same roles as *.region@ and *.cdg@ (see README).")
        w(f"  Staff two-step code: `make totp` (secret {DEMO_TOTP_SECRET}); right now: {code}")
