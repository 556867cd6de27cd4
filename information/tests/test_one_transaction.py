"""Issue 11 §3: a service writes the case, its timeline event, its audit row and its outbox rows in one transaction.

If anything fails on the way (here the message to the person, the last step), nothing of the filing is left:
no half-filed case without its event, no audit row for a case that does not exist, no message about it.
"""

from __future__ import annotations

import pytest

from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from information import services
from information.models import InformationRequest, RequestEvent
from institutions.tests.factories import InstitutionFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def _counts() -> tuple[int, int, int, int]:
    return (
        InformationRequest.objects.count(),
        RequestEvent.objects.count(),
        AuditEvent.objects.count(),
        Notification.objects.count(),
    )


def test_filing_an_information_request_is_one_transaction(monkeypatch):
    citizen = UserFactory(verified=True)
    commune = InstitutionFactory()
    before = _counts()

    def message_fails(*args, **kwargs):
        raise RuntimeError("the outbox is down")

    monkeypatch.setattr("information.services.requests.tell_requester", message_fails)
    with pytest.raises(RuntimeError):
        services.request_submit(
            actor=citizen, institution=commune, subject="Budget", body="The budget.", delivery_format="electronic"
        )
    assert _counts() == before
    # And when nothing fails, all four are written together.
    monkeypatch.undo()
    services.request_submit(
        actor=citizen, institution=commune, subject="Budget", body="The budget.", delivery_format="electronic"
    )
    after = _counts()
    assert after[0] == before[0] + 1 and after[1] > before[1] and after[2] > before[2] and after[3] > before[3]
