"""A served visitor rates the visit: a score from 1 to 5 and a comment if they wish, once per ticket.

Two ways in: the ticket's own page (its unguessable link) and the kiosk (the number printed on the ticket, today, at
that office). The ratings are the office's: its staff read them on the office's figures page, nobody else.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.services import SYSTEM, Context, audit_record
from core import clock
from core.bidi import strip_bidi_controls
from frontdesk.models import RatingChannel, Ticket, TicketState, VisitRating

RATING_DAYS = 7  # a visit can be rated this many days after it ended
COMMENT_MAX = 1000
SCORES = range(1, 6)


@transaction.atomic
def visit_rate(
    *,
    actor: Any,
    ticket: Ticket,
    score: int,
    comment: str = "",
    channel: str = RatingChannel.LINK,
    context: Context = SYSTEM,
) -> VisitRating:
    """Record the visitor's rating of a served ticket; refused when the ticket is not served, already rated or its
    visit ended more than seven days ago."""
    # The ticket's row lock orders two ratings sent at the same moment; the unique ticket column is the last word.
    ticket = Ticket.objects.select_for_update().select_related("office__institution").get(pk=ticket.pk)
    if ticket.state != TicketState.DONE:
        raise ValidationError(_("A visit can be rated once it has been served."))
    ended = ticket.finished_at or ticket.created_at
    if ended < clock.now() - timedelta(days=RATING_DAYS):
        raise ValidationError(_("This visit can no longer be rated: it was more than seven days ago."))
    if VisitRating.objects.filter(ticket=ticket).exists():
        raise ValidationError(_("This visit has already been rated. Thank you."))
    if score not in SCORES:
        raise ValidationError({"score": _("Choose a score from 1 to 5.")})
    if channel not in RatingChannel.values:
        raise ValidationError(_("Unknown way of rating."))
    comment = strip_bidi_controls(comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError({"comment": _("Write at most 1000 characters.")})
    try:
        with transaction.atomic():
            rating = VisitRating.objects.create(
                ticket=ticket, score=score, comment=comment, channel=channel, created_at=clock.now()
            )
    except IntegrityError as error:  # rated a moment ago from elsewhere
        raise ValidationError(_("This visit has already been rated. Thank you.")) from error
    # The comment stays out of the trail: it is the visitor's own text, kept with the rating only.
    audit_record(
        actor=actor,
        action="frontdesk.ticket.rate",
        obj=rating,
        institution=ticket.office.institution,
        changes={"score": score, "channel": channel, "commented": bool(comment)},
        context=context,
        object_repr=f"{ticket.number} ({ticket.day:%Y-%m-%d})",
    )
    return rating
