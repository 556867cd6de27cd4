import pytest
from django.test import RequestFactory

from accounts.services import account_erase
from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from audit.services import Context, audit_record, audit_verify_chain, client_ip

pytestmark = pytest.mark.django_db


def test_the_trail_names_people_by_a_random_id_not_their_name_or_email():
    person = UserFactory(full_name="Zineb Kettani", email="zineb@example.org")
    event = audit_record(actor=person, action="test.x", obj=person)
    for text in (event.actor_label, event.object_repr):
        assert "Zineb" not in text and "zineb@" not in text and str(person.public_id) in text


def test_erasing_an_account_keeps_the_chain_intact():
    person = UserFactory()
    audit_record(actor=person, action="test.before", obj=person)
    account_erase(actor=person, user=person)
    assert audit_verify_chain().ok
    assert AuditEvent.objects.filter(actor=person).exists()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1", "10.0.0.1"),
        (1, "198.51.100.1, 203.0.113.9", "10.0.0.1", "203.0.113.9"),
        # Two proxies of ours: the entry the outer one appended; what the client wrote before it is not believed.
        (2, "198.51.100.1, 203.0.113.9, 10.0.0.2", "10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.1", "10.0.0.1"),
        (1, "2001:DB8:0:0:0:0:0:1", "10.0.0.1", "2001:db8::1"),
        (1, "not-an-address", "10.0.0.1", None),
    ],
)
def test_client_address_is_normalised_and_forwarded_only_from_a_trusted_proxy(
    settings, proxies, forwarded, remote, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


def test_a_forged_ipv6_header_does_not_break_the_chain(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="2001:DB8:0:0:0:0:0:1")
    audit_record(actor=None, action="test.ip", context=Context.from_request(request))
    assert audit_verify_chain().ok
