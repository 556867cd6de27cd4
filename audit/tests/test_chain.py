import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.tests.factories import UserFactory
from audit.models import AppendOnlyError, AuditEvent
from audit.services import GENESIS, Context, audit_record, audit_verify_chain

pytestmark = pytest.mark.django_db


def _events(n=5):
    actor = UserFactory()
    return [
        audit_record(
            actor=actor, action="test.action", obj=actor, changes={"i": i}, context=Context(ip_address="127.0.0.1")
        )
        for i in range(n)
    ]


def test_each_event_carries_the_hash_of_the_one_before():
    first_ever = AuditEvent.objects.order_by("id").first()
    events = _events(3)
    assert (first_ever or events[0]).prev_hash == GENESIS
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert audit_verify_chain().ok


def test_verify_command_reports_an_intact_chain(capsys):
    _events(3)
    call_command("verify_audit_chain")
    assert f"intact: {AuditEvent.objects.count()} events" in capsys.readouterr().out


def test_tampering_with_an_event_is_reported_at_that_event():
    events = _events(5)
    before = AuditEvent.objects.filter(id__lt=events[2].id).count()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["test.forged", events[2].id])
    report = audit_verify_chain()
    assert not report.ok and report.broken_at == events[2].id and report.checked == before
    with pytest.raises(CommandError, match=f"broken at event {events[2].id}"):
        call_command("verify_audit_chain")


def test_deleting_an_event_from_the_middle_is_reported():
    events = _events(4)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].id])
    assert audit_verify_chain().broken_at == events[2].id


def test_deleting_the_newest_event_is_reported():
    events = _events(3)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[2].id])
    assert not audit_verify_chain().ok


def test_events_cannot_be_changed_or_deleted_through_the_orm():
    event = _events(1)[0]
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(action="x")


def test_desk_agent_acting_for_a_citizen_is_recorded():
    agent, citizen = UserFactory(), UserFactory()
    event = audit_record(actor=agent, action="desk.file", context=Context(channel="desk", acting_for=citizen))
    assert event.actor == agent and event.acting_for == citizen and event.channel == "desk"


def test_a_chain_rebuilt_without_the_key_does_not_verify(settings):
    _events(2)
    assert audit_verify_chain().ok
    settings.AUDIT_CHAIN_KEY = "someone-without-the-real-key-0123456789"
    assert not audit_verify_chain().ok
