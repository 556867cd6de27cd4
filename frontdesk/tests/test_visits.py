"""Issue 12 §4: acting for the person at the desk — an account for someone without an email address, an
information request filed for them through the online service (channel "desk"), the receipt, and the claim online."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role, User
from accounts.tests.factories import UserFactory, staff
from audit.models import AuditEvent, Channel
from audit.services import Context
from frontdesk.models import DeskConsent, DeskVisit
from frontdesk.visits import claim_code_issue, has_mandate, person_create_at_desk, visit_claim, visits_today
from information.models import InformationRequest
from information.services import request_submit
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def walk_in(office, agent):
    person, visit, code = person_create_at_desk(
        actor=agent, office=office, full_name="  Mbarek   Ait Ali ", phone="0661000000", preferred_language="ar"
    )
    return person, visit, code


def _file(agent, person, institution, **kw):
    return request_submit(
        actor=agent,
        requester=person,
        institution=institution,
        subject="Budget de la commune",
        body="Le budget 2026, s'il vous plaît.",
        delivery_format="electronic",
        context=kw.pop("context", Context(channel=Channel.DESK, acting_for=person)),
        **kw,
    )[0]


def test_an_account_made_at_the_desk_has_no_address_no_password_and_a_claim_code(walk_in, agent):
    person, visit, code = walk_in
    assert person.made_at_desk and person.contact_email == "" and not person.has_usable_password()
    assert person.full_name == "Mbarek Ait Ali" and person.preferred_language == "ar"
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code) and code not in visit.claim_hash
    assert has_mandate(agent, person)  # they are here and asked for it: consent recorded
    assert AuditEvent.objects.filter(action="account.created_at_desk").exists()


def test_only_desk_staff_make_accounts(office):
    for stranger in (UserFactory(), staff(Role.CASE_OFFICER, institution=office.institution), staff(Role.FRONT_DESK)):
        with pytest.raises(PermissionDenied):
            person_create_at_desk(actor=stranger, office=office, full_name="X")


def test_a_request_filed_at_the_desk_is_the_persons_with_the_agent_and_the_channel_on_its_timeline(
    walk_in, agent, office
):
    person, _visit, _code = walk_in
    institution = office.institution
    institution.on_platform = True
    institution.save()
    filed = _file(agent, person, institution)
    assert filed.requester == person
    event = filed.events.get(kind="submitted")
    assert event.actor == agent and event.on_behalf_of == person and event.channel == Channel.DESK
    audit = AuditEvent.objects.filter(action="information.submitted").latest("pk")
    assert audit.channel == Channel.DESK
    # Told on their own channel: the site's inbox (no email address), SMS when the gateway is on.
    assert Notification.objects.filter(recipient=person).exists()
    assert not Notification.objects.filter(recipient=person, channel="email").exists()


def test_nobody_files_for_someone_else_without_their_consent_at_a_desk(walk_in, agent, office):
    person, _visit, _code = walk_in
    office.institution.on_platform = True
    office.institution.save()
    other_agent = staff(Role.FRONT_DESK, institution=office.institution)
    with pytest.raises(PermissionDenied):
        _file(other_agent, person, office.institution)  # no consent given to this agent
    with pytest.raises(PermissionDenied):
        _file(agent, person, office.institution, context=Context(channel=Channel.WEB, acting_for=person))
    with pytest.raises(PermissionDenied):
        _file(UserFactory(verified=True), person, office.institution)
    DeskConsent.objects.filter(person=person).delete()
    with pytest.raises(PermissionDenied):
        _file(agent, person, office.institution)
    assert not InformationRequest.objects.exists()


def test_the_claim_attaches_an_address_and_a_password_once(walk_in, mailoutbox):
    person, _visit, code = walk_in
    claimed, address = visit_claim(code=code.lower(), email="Mbarek@Example.org", password="un-mot-de-passe-long-2026")
    person.refresh_from_db()
    assert (
        claimed == person
        and person.email == "mbarek@example.org"
        and person.check_password("un-mot-de-passe-long-2026")
    )
    assert not address.verified and not person.made_at_desk
    with pytest.raises(ValidationError):
        visit_claim(code=code, email="autre@example.org", password="un-mot-de-passe-long-2026")


def test_a_claim_with_a_taken_address_a_wrong_code_or_a_replaced_code_is_refused(walk_in, agent):
    person, visit, code = walk_in
    UserFactory(email="pris@example.org")
    with pytest.raises(ValidationError):
        visit_claim(code=code, email="pris@example.org", password="un-mot-de-passe-long-2026")
    with pytest.raises(ValidationError):
        visit_claim(code="AAAA-BBBB-CCCC", email="libre@example.org", password="un-mot-de-passe-long-2026")
    new = claim_code_issue(actor=agent, visit=visit)
    with pytest.raises(ValidationError):
        visit_claim(code=code, email="libre@example.org", password="un-mot-de-passe-long-2026")
    visit_claim(code=new, email="libre@example.org", password="un-mot-de-passe-long-2026")
    assert User.objects.get(pk=person.pk).email == "libre@example.org"


def test_the_desk_makes_an_account_files_and_prints_the_receipt(client, office, agent):
    office.institution.on_platform = True
    office.institution.save()
    client.force_login(agent)
    slug = office.institution.slug
    answer = client.post(
        reverse("frontdesk:person_new", args=[slug]),
        {"full_name": "Khadija Idrissi", "phone": "", "preferred_language": "fr", "office": office.pk, "agreed": "on"},
    )
    person = User.objects.get(full_name="Khadija Idrissi")
    assert answer["Location"] == reverse("frontdesk:person", args=[slug, person.public_id])
    page = client.get(answer["Location"]).content.decode()
    assert reverse("frontdesk:file_information", args=[slug, person.public_id]) in page
    url = reverse("frontdesk:file_information", args=[slug, person.public_id])
    form = client.get(url).context["form"]
    data = {
        "institution": office.institution.slug,
        "subject": "Budget",
        "body": "Le budget.",
        "delivery_format": "electronic",
        "visibility": "private",
        "submission_key": form.initial["submission_key"],
    }
    filed = client.post(url, data)
    request = InformationRequest.objects.get()
    visit = DeskVisit.objects.get(person=person)
    assert filed["Location"] == reverse("frontdesk:visit", args=[slug, visit.public_id])
    client.post(url, data)
    assert InformationRequest.objects.count() == 1  # sent twice, filed once
    event = request.events.get(kind="submitted")
    assert event.payload["office"] == office.slug and event.payload["office_names"]["fr"] == office.name_fr
    receipt = client.get(filed["Location"]).content.decode()
    assert request.reference in receipt and re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", receipt)
    assert visits_today(agent=agent, person=person) == [visit]
    client.force_login(person)  # the person's own page says where it was filed
    mine = client.get(reverse("information:mine", args=[request.public_id])).content.decode()
    assert "au guichet d'un Bureau citoyen" in mine and "Bureau d&#x27;essai" in mine


def test_the_claim_page_sends_the_confirmation(client, walk_in, mailoutbox):
    _person, _visit, code = walk_in
    answer = client.post(
        reverse("frontdesk:claim"),
        {
            "code": code,
            "email": "ait.ali@example.org",
            "password1": "un-mot-de-passe-long-2026",
            "password2": "un-mot-de-passe-long-2026",
        },
    )
    assert answer.status_code == 200 and "ait.ali@example.org" in answer.content.decode()
    assert mailoutbox and mailoutbox[-1].to == ["ait.ali@example.org"]
    wrong = client.post(
        reverse("frontdesk:claim"),
        {
            "code": "ZZZZ-ZZZZ-ZZZZ",
            "email": "x@example.org",
            "password1": "un-mot-de-passe-long-2026",
            "password2": "un-mot-de-passe-long-2026",
        },
    )
    assert wrong.status_code == 400 and 'value="x@example.org"' in wrong.content.decode()


def test_strangers_reach_no_visit_page(client, walk_in, office):
    _person, visit, _code = walk_in
    slug = office.institution.slug
    urls = [reverse("frontdesk:visit", args=[slug, visit.public_id]), reverse("frontdesk:person_new", args=[slug])]
    for url in urls:
        assert client.get(url).status_code == 302
    for person in (UserFactory(), staff(Role.CASE_OFFICER, institution=office.institution)):
        client.force_login(person)
        assert all(client.get(url).status_code == 403 for url in urls)
    other = staff(Role.FRONT_DESK)
    client.force_login(other)
    assert (
        client.get(
            reverse("frontdesk:visit", args=[other.memberships.get().institution.slug, visit.public_id])
        ).status_code
        == 404
    )
