"""The on-time record in words that add up: "8 answered on time out of 10 due; 1 answered late; 1 overdue ..."."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Punctuality:
    """Cases whose answer was due (answered, decided, or still waiting past the deadline) and how they went.

    ``due`` is the base of every on-time share on the site: on time + late + overdue, so the numbers
    shown beside a percentage always add up to it.
    """

    on_time: int
    late: int  # answered or decided after the deadline (acceptance by silence included)
    overdue: int  # still waiting past the deadline today
    decisions: bool = False  # worded as decisions (applications) rather than answers (information)

    @classmethod
    def of(cls, figures: Any, *, decisions: bool = False) -> Punctuality:
        """From a module's figures: ``on_time``, ``open_overdue`` and ``decided`` (or ``answered``), ``closed_late``."""
        done = getattr(figures, "decided", None)
        if done is None:
            done = figures.answered
        late = done - figures.on_time + getattr(figures, "closed_late", 0)
        return cls(on_time=figures.on_time, late=late, overdue=figures.open_overdue, decisions=decisions)

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.overdue

    @property
    def share(self) -> int | None:
        """Per cent on time among the cases due (None when none was due yet)."""
        return round(100 * self.on_time / self.due) if self.due else None

    def __str__(self) -> str:
        n = self.on_time
        if self.decisions:
            on_time = ngettext("%(n)s decided within the legal maximum", "%(n)s decided within the legal maximum", n)
        else:
            on_time = ngettext("%(n)s answered on time", "%(n)s answered on time", n)
        out_of = ngettext("out of %(n)s due", "out of %(n)s due", self.due) % {"n": self.due}
        text = _("%(on_time)s %(out_of)s") % {"on_time": on_time % {"n": n}, "out_of": out_of}
        if self.late:
            if self.decisions:
                late = ngettext(
                    "%(n)s after the deadline (silence included)",
                    "%(n)s after the deadline (silence included)",
                    self.late,
                )
            else:
                late = ngettext("%(n)s answered late", "%(n)s answered late", self.late)
            text = _("%(first)s; %(then)s") % {"first": text, "then": late % {"n": self.late}}
        if self.overdue:
            if self.decisions:
                overdue = ngettext("%(n)s overdue without a decision", "%(n)s overdue without a decision", self.overdue)
            else:
                overdue = ngettext("%(n)s overdue without an answer", "%(n)s overdue without an answer", self.overdue)
            text = _("%(first)s; %(then)s") % {"first": text, "then": overdue % {"n": self.overdue}}
        return text
