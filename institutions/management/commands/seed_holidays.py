from django.core.management.base import BaseCommand
from django.utils import timezone

from institutions.services import holidays_seed


class Command(BaseCommand):
    help = "Add Morocco's public holidays for this year and the next (existing rows are kept)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--years", nargs="*", type=int)

    def handle(self, *args: object, **options: object) -> None:
        year = timezone.localdate().year
        years: list[int] = options.get("years") or [year, year + 1]  # type: ignore[assignment]
        result = holidays_seed(years=list(years))
        if int(options.get("verbosity", 1)) > 0:  # type: ignore[call-overload]
            self.stdout.write(self.style.SUCCESS(f"Holidays: {result.created} added, {result.kept} kept."))
