"""Cases found in review: masking after erasure, withdrawn files, late clarifications and transfers,
double clicks, audit of edits, reminders of urgent requests."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from accounts.services import account_erase
from accounts.tests.factories import UserFactory, staff
from audit.models import AuditEvent
from core import clock
from information import services
from information.models import Publication, PublicationFile
from information.tests.factories import PublicationFactory, category, officer, pdf_upload
from institutions.tests.factories import InstitutionFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return InstitutionFactory()


@pytest.fixture
def citizen():
    return UserFactory(verified=True, full_name="Amina Alaoui", phone="0612345678")


def _file(citizen, commune, on=date(2027, 3, 8), **extra):
    with clock.travel_to(on):
        request, _ = services.request_submit(
            actor=citizen,
            institution=commune,
            subject="Lighting",
            body=f"I am Amina Alaoui, {citizen.email}, 0612345678.",
            delivery_format="electronic",
            **extra,
        )
    return request


def test_public_copy_stays_masked_after_the_requester_erases_the_account(client, citizen, commune):
    info = officer(commune)
    email = citizen.email
    request = _file(citizen, commune)
    services.request_clarify(actor=info, request=request, question="Which street?")
    services.request_clarification_answer(actor=citizen, request=request, answer="Amina Alaoui here, 06 12 34 56 78.")
    account_erase(actor=citizen, user=citizen)
    services.request_answer(actor=info, request=request, outcome="full", text="Dear Mrs Alaoui, here it is.")
    services.request_redact(actor=info, request=request, passages="here it is")
    body = client.get(reverse("information:public", args=[request.public_id])).content.decode().lower()
    for detail in ("amina", "alaoui", "12 34", "0612345678", email.lower()):
        assert detail not in body, detail


def test_withdrawn_publication_files_are_no_longer_served(client, commune):
    publication = PublicationFactory(institution=commune)
    url = reverse("information:publication_file", args=[publication.files.get().public_id])
    assert client.get(url).status_code == 200
    publisher = officer(commune)
    services.publication_withdraw(actor=publisher, publication=publication, reason="Personal data inside")
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(verified=True))
    assert client.get(url).status_code == 404
    client.force_login(publisher)
    assert client.get(url).status_code == 200


def test_removed_file_leaves_the_disk_and_the_last_file_cannot_be_removed(commune):
    publisher = officer(commune)
    publication = PublicationFactory(institution=commune)
    first = publication.files.get()
    services.publication_update(actor=publisher, publication=publication, files=[pdf_upload("second.pdf")])
    path = first.file.name
    storage = first.file.storage
    services.publication_update(actor=publisher, publication=publication, remove_files=[first.pk])
    assert not storage.exists(path)
    publication = Publication.objects.prefetch_related("files").get(pk=publication.pk)
    last = PublicationFile.objects.get(publication=publication)
    with pytest.raises(ValidationError):
        services.publication_update(actor=publisher, publication=publication, remove_files=[last.pk])


def test_edit_through_the_form_audits_the_fields_changed(client, commune):
    publisher = officer(commune)
    publication = PublicationFactory(institution=commune, title="Budget")
    client.force_login(publisher)
    client.post(
        reverse("information:staff_publication_edit", args=[commune.slug, publication.public_id]),
        {
            "title_fr": "Budget adopted",
            "category": category("budget").pk,
            "summary_fr": publication.summary,
            "language": "fr",
            "published_on": "2026-03-02",
            "tags": publication.tags,
        },
    )
    event = AuditEvent.objects.filter(action="publication.update").get()
    assert event.changes["title_fr"] == ["Budget", "Budget adopted"]


def test_publishing_twice_with_the_same_key_publishes_once(commune):
    publisher = officer(commune)
    key = uuid.uuid4()
    for _ in range(2):
        services.publication_create(
            actor=publisher,
            institution=commune,
            category=category("budget"),
            title="Budget",
            summary="",
            language="fr",
            published_on=date(2026, 3, 2),
            files=[pdf_upload()],
            submission_key=key,
        )
    assert Publication.objects.count() == 1


def test_no_clarification_or_transfer_once_the_deadline_has_passed(citizen, commune):
    info = officer(commune)
    request = _file(citizen, commune)  # due 5 April 2027
    with clock.travel_to(date(2027, 4, 12)):
        with pytest.raises(ValidationError):
            services.request_clarify(actor=info, request=request, question="?")
        with pytest.raises(ValidationError):
            services.request_transfer(actor=info, request=request, to=InstitutionFactory(), reason="Not ours.")


def test_the_head_of_the_body_reads_the_documents_a_complaint_is_about(client, citizen, commune):
    info = officer(commune)
    head = staff(Role.DECISION_MAKER, institution=commune)
    request = _file(citizen, commune)
    with clock.travel_to(date(2027, 4, 12)):  # silence past the due date
        services.complaint_file(actor=citizen, request=request, body="No answer.")
        services.request_answer(actor=info, request=request, outcome="full", text="Sorry.", files=[pdf_upload()])
    url = reverse("information:answer_file", args=[request.answer_files.get().public_id])
    client.force_login(head)
    assert client.get(url).status_code == 200
    client.force_login(staff(Role.DECISION_MAKER))
    assert client.get(url).status_code == 404


def test_an_expired_complaint_window_is_not_offered(client, citizen, commune):
    info = officer(commune)
    request = _file(citizen, commune)
    with clock.travel_to(date(2027, 3, 9)):
        services.request_answer(actor=info, request=request, outcome="refused", text="No.", refusal_ground="privacy")
    client.force_login(citizen)
    with clock.travel_to(date(2027, 5, 3)):
        assert client.get(reverse("information:complaint", args=[request.public_id])).status_code == 404


def test_double_clicks_of_the_requester_do_not_fail(client, citizen, commune):
    request = _file(citizen, commune)
    client.force_login(citizen)
    url = reverse("information:withdraw", args=[request.public_id])
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    reader = UserFactory(verified=True)
    services.request_follow(actor=reader, request=request)
    services.request_unfollow(actor=reader, request=request)
    services.request_unfollow(actor=reader, request=request)
    request.refresh_from_db()
    assert request.followers_count == 0


def test_urgent_requests_get_no_five_day_reminder(citizen, commune):
    officer(commune)
    _file(citizen, commune, urgent=True, urgency_reason="Safety.")  # filed Monday 8 March, due 15 March
    services.reminders_send(today=date(2027, 3, 8))
    assert not Notification.objects.filter(template="information_reminder").exists()
    services.reminders_send(today=date(2027, 3, 12))
    assert Notification.objects.filter(template="information_reminder").exists()


def test_heads_are_reminded_of_complaints_once_per_step(citizen, commune):
    info = officer(commune)
    head = staff(Role.DECISION_MAKER, institution=commune)
    request = _file(citizen, commune)
    with clock.travel_to(date(2027, 3, 9)):
        services.request_answer(actor=info, request=request, outcome="refused", text="No.", refusal_ground="privacy")
        complaint = services.complaint_file(actor=citizen, request=request, body="Why?")
    assert complaint.due_on == date(2027, 4, 1)  # filed during Eid: counted from Thursday 11 March
    services.reminders_send(today=date(2027, 3, 25))  # five working days before
    services.reminders_send(today=date(2027, 3, 25))
    services.reminders_send(today=date(2027, 4, 2))  # passed
    sent = Notification.objects.filter(recipient=head, template="information_complaint_reminder", channel="in_app")
    assert sent.count() == 2
