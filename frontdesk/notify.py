"""Messages about a ticket: to its holder's account when they have one, else to the phone or address they gave."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from frontdesk.models import Ticket
from notifications.models import NotificationChannel
from notifications.services import notify, notify_address


def tell_near(ticket: Ticket) -> None:
    """ "Your turn is near", once per ticket (the key), on the channels the person gave."""
    language = ticket.language or None
    with translation.override(language):
        url = reverse("frontdesk:ticket", args=[ticket.public_id])
        context = {"ticket": ticket, "office_name": str(ticket.office)}
    key = f"frontdesk.near:{ticket.pk}"
    if ticket.person is not None:
        notify(
            recipient=ticket.person,
            template="ticket_near",
            context=context,
            url=url,
            key=key,
            institution=ticket.office.institution,
        )
        return
    for channel, address in (
        (NotificationChannel.SMS, ticket.contact_phone),
        (NotificationChannel.EMAIL, ticket.contact_email),
    ):
        notify_address(
            channel=channel,
            address=address,
            template="ticket_near",
            context=context,
            language=ticket.language,
            institution=ticket.office.institution,
            url=url,
            key=key,
        )
