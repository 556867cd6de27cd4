from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.services import api_key_create
from audit.services import SYSTEM


class Command(BaseCommand):
    help = (
        "Make a partner's key to the public API (sent in the X-Api-Key header) and print it once: "
        "only its digest is kept. Revoke it in the Django admin."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--owner", required=True, help="Email of the person who answers for the key.")
        parser.add_argument("--name", required=True, help="What the key is for (the partner and its use).")

    def handle(self, *args: object, **options: object) -> None:
        email = str(options["owner"]).strip().lower()
        owner = User.objects.filter(email=email, is_active=True).first()
        if owner is None:
            raise CommandError(f"No active account has the address {email}.")
        try:
            # Whoever runs commands on the server already holds the platform: the system acts.
            api_key, key = api_key_create(actor=None, owner=owner, name=str(options["name"]), context=SYSTEM)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"API key {api_key.prefix}… «{api_key.name}» for {owner.email}:")
        self.stdout.write(key)
        self.stdout.write("It is shown this once and cannot be read again; send it to the partner by a safe channel.")
