"""Issue 12 §4: an online application filed for the person at the desk through the applications module's own pages
(with a scanned document), in the person's name, with the agent and the channel on its timeline."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.tests.factories import UserFactory
from applications import services
from applications.models import Application, ApplicationState, FieldKind
from applications.tests.factories import online_procedure, pdf_upload
from audit.models import Channel
from frontdesk.models import DeskConsent, DeskVisit
from frontdesk.people_services import desk_consent_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return UserFactory(full_name="Hassan Ouali")  # no confirmed address: present at the desk


@pytest.fixture
def consented(office, agent, person):
    return desk_consent_record(actor=agent, person=person, office=office)


def _fill(agent, application):
    fields = services.form_fields(application)
    services.draft_save(
        actor=agent,
        application=application,
        step=fields[0].step,
        answers={"nom": "Hassan Ouali", "lotissement": "no", "pieces": "2"},
        done=True,
    )
    for field in fields:
        if field.kind == FieldKind.FILE:  # from the desk's scanner
            services.draft_attach(actor=agent, application=application, field=field, upload=pdf_upload())
    services.draft_save(actor=agent, application=application, step=fields[-1].step, answers={}, done=True)


def test_the_agent_files_an_application_for_the_person_through_its_own_pages(client, office, agent, person, consented):
    procedure = online_procedure(institution=office.institution)
    client.force_login(agent)
    slug = office.institution.slug
    started = client.post(reverse("frontdesk:act_start", args=[slug, person.public_id]))
    assert started["Location"] == reverse("procedures:catalogue")
    banner = client.get(reverse("procedures:catalogue")).content.decode()
    assert "Hassan Ouali" in banner and reverse("frontdesk:act_stop") in banner
    client.post(reverse("applications:start", args=[procedure.institution.slug, procedure.slug]))
    application = Application.objects.get()
    assert application.applicant == person and application.state == ApplicationState.DRAFT
    _fill(agent, application)
    client.post(reverse("applications:check", args=[application.public_id]))
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED and application.applicant == person
    event = application.events.get(kind="submitted")
    assert event.actor == agent and event.on_behalf_of == person and event.channel == Channel.DESK
    assert event.payload["office"] == office.slug
    visit = DeskVisit.objects.get(person=person)
    assert visit.filed[0]["reference"] == application.reference
    stopped = client.post(reverse("frontdesk:act_stop"))
    assert stopped["Location"] == reverse("frontdesk:person", args=[slug, person.public_id])
    assert "Hassan Ouali" not in client.get(reverse("procedures:catalogue")).content.decode()
    # The person sees it as theirs.
    client.force_login(person)
    assert application.reference in client.get(reverse("portal:my_office")).content.decode()


def test_without_consent_nothing_is_filed_for_the_person(client, office, agent, person):
    procedure = online_procedure(institution=office.institution)
    client.force_login(agent)
    answer = client.post(reverse("frontdesk:act_start", args=[office.institution.slug, person.public_id]))
    assert answer["Location"] == reverse("frontdesk:person", args=[office.institution.slug, person.public_id])
    with pytest.raises(PermissionDenied):
        services.application_start(actor=agent, procedure=procedure, applicant=person)


def test_when_the_consent_ends_the_agent_no_longer_acts(client, office, agent, person, consented):
    procedure = online_procedure(institution=office.institution)
    client.force_login(agent)
    client.post(reverse("frontdesk:act_start", args=[office.institution.slug, person.public_id]))
    DeskConsent.objects.filter(person=person).delete()
    assert "Hassan Ouali" not in client.get(reverse("procedures:catalogue")).content.decode()
    client.post(reverse("applications:start", args=[procedure.institution.slug, procedure.slug]))
    assert not Application.objects.filter(applicant=person).exists()
