"""State machines as data: one table of allowed transitions, checked by one helper.

A module declares its transitions once, for example::

    TRANSITIONS = StateMachine({
        ("submitted", "acknowledge"): Transition(to="acknowledged", roles={"information_officer"}),
    })

and its services call ``TRANSITIONS.fire(current, action, role=...)`` to get the next state or
an InvalidTransition error. Nothing else decides which state follows which.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


class InvalidTransition(Exception):
    """The action is not allowed from this state, or not for this role."""


@dataclass(frozen=True)
class Transition:
    to: str
    roles: frozenset[str] = field(default_factory=frozenset)

    def allows(self, role: str | None) -> bool:
        return not self.roles or (role is not None and role in self.roles)


class StateMachine:
    def __init__(self, table: Mapping[tuple[str, str], Transition]) -> None:
        self.table = dict(table)

    def actions_from(self, state: str, *, role: str | None = None) -> list[str]:
        """Actions this role may take from ``state``, for showing the right buttons."""
        return [action for (src, action), t in self.table.items() if src == state and t.allows(role)]

    def can_fire(self, state: str, action: str, *, role: str | None = None) -> bool:
        transition = self.table.get((state, action))
        return transition is not None and transition.allows(role)

    def fire(self, state: str, action: str, *, role: str | None = None) -> str:
        transition = self.table.get((state, action))
        if transition is None:
            raise InvalidTransition(f"'{action}' is not allowed from '{state}'.")
        if not transition.allows(role):
            raise InvalidTransition(f"'{action}' from '{state}' is not allowed for role '{role}'.")
        return transition.to

    def states(self) -> set[str]:
        found: set[str] = set()
        for (src, _action), t in self.table.items():
            found.update({src, t.to})
        return found


def roles(*names: str) -> frozenset[str]:
    return frozenset(names)


def transitions(rows: Iterable[tuple[str, str, str, Iterable[str]]]) -> StateMachine:
    """Build a machine from rows of (from_state, action, to_state, roles)."""
    return StateMachine({(src, action): Transition(to=to, roles=frozenset(r)) for src, action, to, r in rows})
