"""What a case officer can do on a case's page: each action's form and the service it calls."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Role, User
from applications.forms import AcceptForm, CloseForm, MessageForm, NoteForm, RefuseForm, RequestDocumentsForm, TakeForm
from applications.models import Application
from applications.services import (
    case_accept,
    case_close,
    case_message,
    case_note,
    case_refuse,
    case_request_documents,
    case_take,
)
from applications.services.common import CASE, OFFICER
from cases.actions import ActionCall, ActionTable, CaseAction


def officers(institution: Any) -> list[User]:
    """The institution's case officers, by name (the choices of "give the case to")."""
    return [
        m.user
        for m in Membership.objects.filter(institution=institution, role=Role.CASE_OFFICER, is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    ]


def _take(call: ActionCall) -> None:
    chosen = next((u for u in officers(call.institution) if str(u.public_id) == call.data["assignee"]), None)
    case_take(actor=call.actor, application=call.case, assignee=chosen, context=call.context)


def _request_documents(call: ActionCall) -> None:
    case_request_documents(
        actor=call.actor,
        application=call.case,
        documents=list(call.data["documents"]),
        message=call.data["message"],
        context=call.context,
    )


def _open(application: Application) -> bool:
    return application.is_open


ACTIONS = ActionTable(
    CASE,
    role=OFFICER,
    refused=_("This action is not possible in the case's current state."),
    actions=[
        CaseAction(
            "take",
            form=TakeForm,
            form_kwargs=lambda case, institution: {"officers": officers(institution)},
            run=_take,
            label=_("taken"),
        ),
        CaseAction(
            "request_documents",
            form=RequestDocumentsForm,
            form_kwargs=lambda case, institution: {"procedure": case.procedure},
            run=_request_documents,
            label=_("missing documents requested"),
        ),
        CaseAction(
            "note",
            form=NoteForm,
            offered=_open,
            run=lambda c: case_note(actor=c.actor, application=c.case, note=c.data["note"], context=c.context),
            label=_("note added"),
        ),
        CaseAction(
            "message",
            form=MessageForm,
            offered=_open,
            run=lambda c: case_message(actor=c.actor, application=c.case, message=c.data["message"], context=c.context),
            label=_("message sent"),
        ),
        CaseAction(
            "accept",
            form=AcceptForm,
            run=lambda c: case_accept(actor=c.actor, application=c.case, note=c.data["note"], context=c.context),
            label=_("accepted, decision issued"),
        ),
        CaseAction(
            "refuse",
            form=RefuseForm,
            run=lambda c: case_refuse(
                actor=c.actor,
                application=c.case,
                motivation=c.data["motivation"],
                appeal_route=c.data["appeal_route"],
                context=c.context,
            ),
            label=_("refused"),
        ),
        CaseAction(
            "close",
            form=CloseForm,
            run=lambda c: case_close(actor=c.actor, application=c.case, reason=c.data["reason"], context=c.context),
            label=_("closed without action"),
        ),
    ],
)
