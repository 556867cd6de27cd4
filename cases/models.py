"""What every case module's timeline is made of (the rows live in each module, the shape is shared)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.models import Channel


class TimelineEvent(models.Model):
    """One step of a case's history: what happened, who did it (and for whom), through which channel, when.

    A module subclasses it with a foreign key to its case (``request``, ``application``…) and its own
    ``kind`` choices. ``internal`` events are for staff only; ``payload`` keeps what the step computed
    (a due date's explanation, the documents asked for…).
    """

    kind = models.CharField(_("what happened"), max_length=32)
    created_at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A front-desk agent filing for a walk-in citizen: the agent is the actor, the citizen is here.
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    by_staff = models.BooleanField(default=False)
    internal = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    due_on = models.DateField(null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]
