"""State machines as data: one table of allowed transitions, checked by one helper.

A module declares its transitions once, for example::

    MACHINE = transitions([
        ("submitted", "extend", "in_progress", ["officer"], Guard(never_extended, _("Only once."))),
        ("submitted", "tacit", "accepted", [CLOCK]),  # fired by the clock, never by a person
    ])

and its services call ``MACHINE.fire(current, action, role=..., subject=case)`` to get the next
state, or InvalidTransition / GuardFailed. Nothing else decides which state follows which.
Transitions whose roles are ``{CLOCK}`` are fired by the periodic job (``cases.tasks``), never
offered to a person. ``MACHINE.mermaid()`` draws the machine for the module's documentation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# The role of the platform's clock: silence, expiry and phase changes are fired by time, not by a person.
CLOCK = "clock"


class InvalidTransition(Exception):
    """The action is not allowed from this state, or not for this role."""


class GuardFailed(InvalidTransition):
    """The action exists from this state but its condition does not hold (e.g. "extend only once")."""

    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Guard:
    """A condition on the case that must hold for a transition, and the words that say why not."""

    check: Callable[[Any], bool]
    message: Any  # a (lazy) translated string shown to the person
    label: str = ""  # the condition in a few words, for the diagram

    def holds(self, subject: Any) -> bool:
        return bool(self.check(subject))


@dataclass(frozen=True)
class Transition:
    to: str
    roles: frozenset[str] = field(default_factory=frozenset)
    guards: tuple[Guard, ...] = ()

    def allows(self, role: str | None) -> bool:
        return not self.roles or (role is not None and role in self.roles)

    @property
    def by_clock(self) -> bool:
        return CLOCK in self.roles

    def failed_guard(self, subject: Any) -> Guard | None:
        if subject is None:
            return None
        return next((g for g in self.guards if not g.holds(subject)), None)


class StateMachine:
    def __init__(self, table: Mapping[tuple[str, str], Transition]) -> None:
        self.table = dict(table)

    def actions_from(self, state: str, *, role: str | None = None, subject: Any = None) -> list[str]:
        """Actions this role may take from ``state`` (and whose guards hold for ``subject``): the buttons to show."""
        return [
            action
            for (src, action), t in self.table.items()
            if src == state and t.allows(role) and t.failed_guard(subject) is None
        ]

    def can_fire(self, state: str, action: str, *, role: str | None = None, subject: Any = None) -> bool:
        transition = self.table.get((state, action))
        return transition is not None and transition.allows(role) and transition.failed_guard(subject) is None

    def fire(self, state: str, action: str, *, role: str | None = None, subject: Any = None) -> str:
        transition = self.table.get((state, action))
        if transition is None:
            raise InvalidTransition(f"'{action}' is not allowed from '{state}'.")
        if not transition.allows(role):
            raise InvalidTransition(f"'{action}' from '{state}' is not allowed for role '{role}'.")
        failed = transition.failed_guard(subject)
        if failed is not None:
            raise GuardFailed(failed.message)
        return transition.to

    def clock_actions(self) -> list[str]:
        """Actions the clock fires (silence, expiry, phase change), in table order, once each."""
        return list(dict.fromkeys(action for (_src, action), t in self.table.items() if t.by_clock))

    def states(self) -> set[str]:
        found: set[str] = set()
        for (src, _action), t in self.table.items():
            found.update({src, t.to})
        return found

    def mermaid(self, *, initial: str | None = None, final: Iterable[str] = ()) -> str:
        """The machine as a Mermaid state diagram: one arrow per (state, action), roles and guards on the label."""
        lines = ["stateDiagram-v2"]
        if initial:
            lines.append(f"    [*] --> {initial}")
        for (src, action), t in self.table.items():
            who = "the clock" if t.by_clock else " or ".join(sorted(t.roles)) or "anyone"
            label = f"{action} by {who}"
            conditions = [g.label for g in t.guards if g.label]
            if conditions:
                label += " if " + " and ".join(conditions)
            lines.append(f"    {src} --> {t.to}: {label}")
        for state in final:
            lines.append(f"    {state} --> [*]")
        return "\n".join(lines) + "\n"


def roles(*names: str) -> frozenset[str]:
    return frozenset(names)


Row = tuple[str, str, str, Iterable[str]] | tuple[str, str, str, Iterable[str], Guard | Iterable[Guard]]


def transitions(rows: Iterable[Row]) -> StateMachine:
    """Build a machine from rows of (from_state, action, to_state, roles[, guard or guards])."""
    table: dict[tuple[str, str], Transition] = {}
    for row in rows:
        src, action, to, who = row[0], row[1], row[2], row[3]
        extra = row[4] if len(row) > 4 else ()  # type: ignore[misc]
        guards = (extra,) if isinstance(extra, Guard) else tuple(extra)
        table[(src, action)] = Transition(to=to, roles=frozenset(who), guards=guards)
    return StateMachine(table)
