"""The case engine: what every case module (information requests, applications, complaints, petitions…) shares.

A module describes its case once with a ``CaseType`` — the model, its state machine, who the actor
is on a case, its timeline model, the transitions the clock fires — and registers it in
``case_types``. Its services then use the same few steps in one transaction::

    case = CASE.lock(case)                                 # row lock, fresh values
    case.state = CASE.fire(actor, case, "extend")          # role + state table + guards
    …                                                       # the module's own fields
    case.save(update_fields=[…])
    CASE.record(case=case, kind="extended", actor=actor, context=context)   # timeline + audit row
    notify(…)                                              # outbox row; delivery after commit
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from audit.services import SYSTEM, Context, audit_record
from cases.models import TimelineEvent
from core import clock
from core.db import lock_and_reload
from core.registry import Registry
from core.states import CLOCK, GuardFailed, StateMachine

C = TypeVar("C", bound=models.Model)
logger = logging.getLogger("cases.clock")


@dataclass(frozen=True)
class ClockTransition:
    """A transition time fires: which cases are due on a day, and the module's service that fires it.

    ``run`` returns True when it changed the case (it re-checks under the row lock, so a case an
    officer decided a moment before is left alone).
    """

    action: str
    due: Callable[[date], Iterable[Any]]
    run: Callable[[Any], bool]


@dataclass
class CaseType(Generic[C]):
    """One kind of case, declared once by its module."""

    name: str
    model: type[C]
    machine: StateMachine
    role_of: Callable[[Any, C], str | None]
    event_model: type[TimelineEvent]
    case_field: str  # the event's foreign key to the case
    audit_prefix: str
    initial: str
    final: tuple[str, ...] = ()
    clock: tuple[ClockTransition, ...] = ()
    describe: Callable[[C], str] = field(default=lambda case: str(getattr(case, "reference", "") or ""))
    docs: str = ""  # the module's docs page, where the generated diagram lives

    def lock(self, case: C) -> C:
        """Lock the row for the rest of the transaction and reload it (two officers, one case)."""
        return lock_and_reload(case)

    def role(self, actor: Any, case: C) -> str | None:
        """The role the actor holds on this case (None: no business here). No actor is the clock."""
        if actor is None:
            return CLOCK
        return self.role_of(actor, case)

    def fire(self, actor: Any, case: C, action: str) -> str:
        """The next state; PermissionDenied for a stranger, InvalidTransition for a wrong state or role,
        ValidationError (in the person's words) when a guard does not hold."""
        role = self.role(actor, case)
        if role is None:
            raise PermissionDenied
        try:
            return self.machine.fire(case.state, action, role=role, subject=case)  # type: ignore[attr-defined]
        except GuardFailed as failed:
            raise ValidationError(failed.message) from failed

    def actions(self, case: C, *, role: str) -> list[str]:
        """What this role may do now: the state table and the guards agree."""
        return self.machine.actions_from(case.state, role=role, subject=case)  # type: ignore[attr-defined]

    def record(
        self,
        *,
        case: C,
        kind: str,
        actor: Any,
        context: Context = SYSTEM,
        by_staff: bool = False,
        note: str = "",
        internal: bool = False,
        payload: dict[str, Any] | None = None,
        changes: dict[str, Any] | None = None,
        **fields: Any,
    ) -> TimelineEvent:
        """One step of the case's history and its audit row, in the caller's transaction.

        The channel and the person acted for come from ``context`` (a desk agent filing for a walk-in
        citizen records both people).
        """
        due_on = getattr(case, "due_on", None)
        payload = dict(payload or {})
        office = getattr(context, "office", None)
        if office is not None:  # done at a Citizen Office desk: which office, named in each language for the timeline
            payload["office"] = office.slug
            payload["office_names"] = {
                code: value for code, _name in settings.LANGUAGES if (value := getattr(office, f"name_{code}", ""))
            }
            changes = {"office": office.pk} | (changes or {})
        event = self.event_model._default_manager.create(
            **{self.case_field: case},
            kind=kind,
            created_at=clock.now(),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            on_behalf_of=context.acting_for,
            channel=context.channel,
            by_staff=by_staff,
            internal=internal,
            note=note,
            due_on=due_on,
            payload=payload,
            **fields,
        )
        audit_record(
            actor=actor,
            action=f"{self.audit_prefix}.{kind}",
            obj=case,
            institution=getattr(case, "institution", None),
            changes={"state": case.state, "due_on": due_on.isoformat() if due_on else None}  # type: ignore[attr-defined]
            | (changes or {}),
            context=context,
            object_repr=self.describe(case),
        )
        return event

    def timeline(self, case: C, *, internal: bool) -> models.QuerySet[TimelineEvent]:
        """The case's history in order; staff see internal events, the person does not."""
        qs = self.event_model._default_manager.filter(**{self.case_field: case}).select_related("actor", "on_behalf_of")
        return qs if internal else qs.filter(internal=False)

    def sweep(self, *, today: date | None = None) -> dict[str, int]:
        """Fire this machine's clock transitions on every case whose time has come."""
        today = today or clock.today()
        counts: dict[str, int] = {}
        for transition in self.clock:
            key = f"{self.name}.{transition.action}"
            counts.setdefault(key, 0)
            for case in transition.due(today):
                try:
                    if transition.run(case):
                        counts[key] += 1
                except Exception:  # logged and retried tomorrow; the other cases go on
                    logger.exception("clock transition %s failed for case %s", key, getattr(case, "pk", None))
                    counts[f"{key}.failed"] = counts.get(f"{key}.failed", 0) + 1
        return counts

    def diagram(self) -> str:
        return self.machine.mermaid(initial=self.initial, final=self.final)


# Every case module registers its CaseType here (in AppConfig.ready()).
case_types: Registry[CaseType[Any]] = Registry("case_types")


def clock_sweep(*, today: date | None = None) -> dict[str, int]:
    """Ask every registered machine what time has made due, and fire it (one periodic job for all).

    Returns how many cases each ``module.action`` moved; failures are logged and counted under
    ``module.action.failed`` so one broken case never stops the others (it is retried the next day).
    """
    today = today or clock.today()
    counts: dict[str, int] = {}
    for case_type in case_types.values():
        counts |= case_type.sweep(today=today)
    return counts
