from django.core.management.base import BaseCommand, CommandError

from cases.diagrams import stale_pages


class Command(BaseCommand):
    help = "Write each case module's state machine as a Mermaid diagram into its docs page (--check: only compare)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--check", action="store_true", help="Fail when a page's diagram differs from the code.")

    def handle(self, *args: object, **options: object) -> None:
        stale = stale_pages(write=not options["check"])
        if options["check"] and stale:
            raise CommandError(f"Diagrams out of date in {', '.join(stale)}: run manage.py case_diagrams.")
        for page in stale:
            self.stdout.write(f"Updated {page}")
