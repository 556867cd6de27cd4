from django.core.management.base import BaseCommand, CommandError

from audit.services import audit_verify_chain


class Command(BaseCommand):
    help = "Check the audit trail's hash chain and report the first broken link."

    def handle(self, *args: object, **options: object) -> None:
        report = audit_verify_chain()
        if not report.ok:
            raise CommandError(
                f"Audit chain broken at event {report.broken_at}: {report.reason} "
                f"({report.checked} events verified before it)."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {report.checked} events verified."))
