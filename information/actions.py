"""What an information officer can do on a request's page: each action's form and the service it calls."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.actions import ActionCall, ActionTable, CaseAction
from information import services
from information.forms import AnswerForm, AssignForm, ClarifyForm, ExtendForm, RedactForm, TransferForm
from information.services.common import CASE, OFFICER


def _assign(call: ActionCall) -> None:
    assignee = User.objects.filter(public_id=call.data["assignee"]).first()
    services.request_assign(actor=call.actor, request=call.case, assignee=assignee, context=call.context)


def _answer(call: ActionCall) -> None:
    data = call.data
    services.request_answer(
        actor=call.actor,
        request=call.case,
        outcome=data["outcome"],
        text=data["text"],
        refusal_ground=data["refusal_ground"],
        suggested_holder=data["suggested_holder"],
        files=data["attachments"],
        publish_files=data["publish_files"],
        context=call.context,
    )


def _institution(case: object, institution: object) -> dict[str, object]:
    return {"institution": institution}


ACTIONS = ActionTable(
    CASE,
    role=OFFICER,
    prefix=True,
    rename={"files": "attachments"},
    refused=_("This action is not possible in the request's current state."),
    actions=[
        CaseAction("assign", form=AssignForm, form_kwargs=_institution, run=_assign),
        CaseAction(
            "clarify",
            form=ClarifyForm,
            run=lambda c: services.request_clarify(
                actor=c.actor, request=c.case, question=c.data["question"], context=c.context
            ),
        ),
        CaseAction(
            "extend",
            form=ExtendForm,
            run=lambda c: services.request_extend(
                actor=c.actor, request=c.case, reason=c.data["reason"], context=c.context
            ),
        ),
        CaseAction(
            "transfer",
            form=TransferForm,
            form_kwargs=_institution,
            run=lambda c: services.request_transfer(
                actor=c.actor, request=c.case, to=c.data["to"], reason=c.data["reason"], context=c.context
            ),
        ),
        CaseAction("answer", form=AnswerForm, run=_answer),
        # Masking the public copy is not a change of state: offered on every request.
        CaseAction(
            "redact",
            form=RedactForm,
            initial=lambda req: {"passages": req.redactions},
            offered=lambda req: True,
            run=lambda c: services.request_redact(
                actor=c.actor, request=c.case, passages=c.data["passages"], context=c.context
            ),
        ),
        CaseAction("close", run=lambda c: services.request_close(actor=c.actor, request=c.case, context=c.context)),
    ],
)
