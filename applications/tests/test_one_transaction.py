"""Issue 11 §3: sending an application writes the case, its event, its audit row and its message together or not at
all (information/tests/test_one_transaction.py does the same for an information request)."""

from __future__ import annotations

import pytest

from applications import services
from applications.models import Application, ApplicationState, CaseEvent
from applications.tests.factories import draft, online_procedure
from audit.models import AuditEvent
from notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def test_sending_an_application_is_one_transaction(monkeypatch):
    application = draft(online_procedure())
    before = (CaseEvent.objects.count(), AuditEvent.objects.count(), Notification.objects.count())

    def message_fails(*args, **kwargs):
        raise RuntimeError("the outbox is down")

    monkeypatch.setattr("applications.services.applying.tell_applicant", message_fails)
    with pytest.raises(RuntimeError):
        services.application_submit(actor=application.applicant, application=application)
    stored = Application.objects.get(pk=application.pk)
    assert stored.state == ApplicationState.DRAFT and stored.reference in ("", None)
    assert (CaseEvent.objects.count(), AuditEvent.objects.count(), Notification.objects.count()) == before
