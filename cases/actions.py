"""Staff actions on a case as a table: action name → form → service. A module declares, the engine dispatches.

    ACTIONS = ActionTable(CASE, role=OFFICER, actions=[
        CaseAction("extend", form=ExtendForm, run=lambda call: request_extend(
            actor=call.actor, request=call.case, reason=call.data["reason"], context=call.context)),
        CaseAction("note", form=NoteForm, run=…, offered=lambda case: case.is_open),  # not a transition
    ])

The page shows ``ACTIONS.forms(case, …)`` — one form per action the state table (and its guards)
allows now — and every action posts to one view that calls ``ACTIONS.dispatch(…)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from audit.services import Context
from cases.engine import CaseType
from core.states import InvalidTransition
from core.views import add_service_errors


@dataclass(frozen=True)
class ActionCall:
    """What a service needs from the request: who, on which case, the form's cleaned data, from where."""

    actor: Any
    case: Any
    data: dict[str, Any]
    context: Context
    institution: Any


@dataclass(frozen=True)
class CaseAction:
    name: str
    run: Callable[[ActionCall], Any]
    form: type[forms.Form] | None = None
    # Extra arguments for the form (e.g. the institution's officers), from the case and the institution.
    form_kwargs: Callable[[Any, Any], dict[str, Any]] | None = None
    initial: Callable[[Any], dict[str, Any]] | None = None
    # Offered whatever the state table says (notes, messages, masking); None: offered when it allows it.
    offered: Callable[[Any], bool] | None = None
    label: Any = ""

    def make_form(self, case: Any, institution: Any, *, prefix: bool, data: Any = None, files: Any = None) -> Any:
        if self.form is None:
            return None
        kwargs = dict(self.form_kwargs(case, institution)) if self.form_kwargs else {}
        if prefix:
            kwargs["prefix"] = self.name  # several forms on one page: distinct field ids
        if data is not None:
            return self.form(data, files, **kwargs)
        if self.initial is not None:
            kwargs["initial"] = self.initial(case)
        return self.form(**kwargs)


@dataclass(frozen=True)
class Outcome:
    """What became of a posted action: done, a form to show again with its errors, or a refusal."""

    action: CaseAction
    done: bool = False
    form: Any = None
    error: str = ""


@dataclass
class ActionTable:
    case_type: CaseType[Any]
    role: str
    actions: Iterable[CaseAction]
    prefix: bool = False
    # A service's field name → the form's (e.g. a service's ``files`` is the form's ``attachments``).
    rename: dict[str, str] = field(default_factory=dict)
    refused: Any = ""  # the words when the state no longer allows the action

    def __post_init__(self) -> None:
        self.by_name = {a.name: a for a in self.actions}

    def get(self, name: str) -> CaseAction | None:
        return self.by_name.get(name)

    def offered(self, case: Any) -> list[str]:
        """The actions to show now, in the table's order."""
        allowed = set(self.case_type.actions(case, role=self.role))
        return [
            a.name for a in self.by_name.values() if (a.offered(case) if a.offered is not None else a.name in allowed)
        ]

    def forms(self, case: Any, institution: Any, *, bound: tuple[str, Any] | None = None) -> dict[str, Any]:
        """One form per offered action that has one; the form just posted keeps its values and errors."""
        found: dict[str, Any] = {}
        for name in self.offered(case):
            action = self.by_name[name]
            if action.form is None:
                continue
            if bound is not None and bound[0] == name:
                found[name] = bound[1]
            else:
                found[name] = action.make_form(case, institution, prefix=self.prefix)
        return found

    def dispatch(self, request: HttpRequest, case: Any, name: str, *, institution: Any) -> Outcome:
        """Validate the posted form and call the action's service; the service decides whether it is allowed."""
        action = self.by_name[name]
        form = action.make_form(case, institution, prefix=self.prefix, data=request.POST, files=request.FILES)
        if form is not None and not form.is_valid():
            return Outcome(action, form=form)
        call = ActionCall(
            actor=request.user,
            case=case,
            data=form.cleaned_data if form is not None else {},
            context=Context.from_request(request),
            institution=institution,
        )
        try:
            action.run(call)
        except ValidationError as exc:
            if form is None:
                return Outcome(action, error=" ".join(exc.messages))
            add_service_errors(form, exc, rename=self.rename)
            return Outcome(action, form=form)
        except (InvalidTransition, PermissionDenied):
            return Outcome(action, error=str(self.refused))
        return Outcome(action, done=True)
