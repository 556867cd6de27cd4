from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.registry import demo_seeders


class Command(BaseCommand):
    help = "Load the demo data of every module (idempotent). Refused in production without --force."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--force", action="store_true", help="Allow running with production settings.")

    def handle(self, *args: object, **options: object) -> None:
        if settings.PRODUCTION and not options["force"]:
            raise CommandError("Refusing to load demo data in production (use --force if you really mean it).")
        # The foundation (institutions, staff, citizens) first; modules build on it.
        for name, seeder in sorted(demo_seeders.items(), key=lambda item: item[0] != "foundation"):
            self.stdout.write(f"Seeding {name}…")
            seeder(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
