from django.core.management.base import BaseCommand

from territories.services import territories_import


class Command(BaseCommand):
    help = "Load or refresh Morocco's regions, prefectures/provinces and communes (HCP, 2024 census)."

    def handle(self, *args: object, **options: object) -> None:
        result = territories_import()
        if int(options.get("verbosity", 1)) > 0:  # type: ignore[call-overload]
            self.stdout.write(self.style.SUCCESS(f"Territories: {result}."))
