"""The life of a request through the services, dated across a weekend and Eid al-Fitr 2027."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from core import clock
from core.states import InvalidTransition
from information import services
from information.models import ComplaintState, EventKind, InformationRequest, Outcome, RequestState
from information.services.complaints import complaint_window
from information.tests.factories import InformationRequestFactory, head, officer
from institutions.tests.factories import InstitutionFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return InstitutionFactory(short_code="RABAT")


@pytest.fixture
def citizen():
    return UserFactory(verified=True, full_name="Amina Alaoui", phone="0612345678")


def submit(citizen, institution, on=date(2027, 3, 6), **extra):
    with clock.travel_to(on):
        request, _created = services.request_submit(
            actor=citizen,
            institution=institution,
            subject=extra.pop("subject", "Street lighting contract"),
            body=extra.pop("body", "Please send the 2026 street lighting maintenance contract."),
            delivery_format="electronic",
            **extra,
        )
    return request


def test_request_filed_on_a_saturday_before_eid_is_due_after_eid(citizen, commune):
    request = submit(citizen, commune)
    assert request.reference == "INF-RABAT-2027-000001"
    assert request.received_on == date(2027, 3, 6)
    # Saturday is day zero and Monday day 1, as for a request filed on Friday; Eid al-Fitr (10-11 March) skipped.
    assert request.due_on == date(2027, 4, 6)
    event = request.events.get()
    assert event.kind == EventKind.SUBMITTED
    assert event.deadline["skipped"] == ["2027-03-10", "2027-03-11"]
    assert Notification.objects.filter(recipient=citizen, template="information_update").exists()
    assert AuditEvent.objects.filter(action="information.submitted", institution=commune).exists()


def test_reference_numbers_are_unique_per_institution_and_year(citizen, commune):
    other = InstitutionFactory(short_code="TOUARGA")
    refs = [submit(citizen, commune).reference, submit(citizen, commune).reference, submit(citizen, other).reference]
    refs.append(submit(citizen, commune, on=date(2028, 1, 3)).reference)
    assert refs == [
        "INF-RABAT-2027-000001",
        "INF-RABAT-2027-000002",
        "INF-TOUARGA-2027-000001",
        "INF-RABAT-2028-000001",
    ]


def test_same_submission_key_files_one_request(citizen, commune):
    key = uuid.uuid4()
    first = submit(citizen, commune, submission_key=key)
    second = submit(citizen, commune, submission_key=key)
    assert first.pk == second.pk
    assert InformationRequest.objects.count() == 1


def test_urgent_request_is_due_in_three_working_days_and_needs_a_reason(citizen, commune):
    with pytest.raises(ValidationError):
        submit(citizen, commune, urgent=True)
    request = submit(citizen, commune, on=date(2027, 3, 8), urgent=True, urgency_reason="A child's health.")
    assert request.due_on == date(2027, 3, 15)


def test_unverified_account_cannot_file(commune):
    with pytest.raises(PermissionDenied):
        submit(UserFactory(), commune)


def test_the_whole_journey_keeps_the_right_due_dates(citizen, commune):
    info = officer(commune)
    boss = head(commune)
    request = submit(citizen, commune)  # Sat 6 March 2027 -> due Tue 6 April
    with clock.travel_to(date(2027, 3, 8)):
        services.request_assign(actor=info, request=request, assignee=info)
        services.request_clarify(actor=info, request=request, question="Which district?")
    assert request.state == RequestState.AWAITING_CLARIFICATION
    with clock.travel_to(date(2027, 3, 12)):
        services.request_clarification_answer(actor=citizen, request=request, answer="Hay Riad.")
    # Monday 8 (day 1) was used before the question: the 19 days left count from Friday 12.
    assert request.due_on == date(2027, 4, 8)
    with clock.travel_to(date(2027, 3, 15)):
        services.request_extend(actor=info, request=request, reason="Consulting the contractor.")
        with pytest.raises(ValidationError):
            services.request_extend(actor=info, request=request, reason="Again.")
    assert request.due_on == date(2027, 5, 6)
    with clock.travel_to(date(2027, 3, 16)):
        services.request_answer(
            actor=info,
            request=request,
            outcome=Outcome.PARTIAL,
            text="The contract is attached; the prices are business secrets.",
            refusal_ground="economy",
        )
    assert request.answered_on_time is True
    # 8, 9, 12, 15 and 16 March are working days after receipt; the clock stood still on 9 and 12.
    assert request.answered_working_days == 3
    with clock.travel_to(date(2027, 3, 17)):
        assert complaint_window(request) == (date(2027, 3, 16), date(2027, 4, 13))
        complaint = services.complaint_file(actor=citizen, request=request, body="The prices are public money.")
    assert complaint.due_on == date(2027, 4, 7)
    with clock.travel_to(date(2027, 3, 18)):
        with pytest.raises(PermissionDenied):
            services.complaint_answer(actor=info, complaint=complaint, decision="upheld", text="No.")
        services.complaint_answer(actor=boss, complaint=complaint, decision="upheld", text="The prices will be sent.")
    assert complaint.state == ComplaintState.ANSWERED
    kinds = list(request.events.values_list("kind", flat=True))
    assert kinds == [
        "submitted",
        "assigned",
        "clarification_requested",
        "clarification_given",
        "extended",
        "answered",
        "complaint_filed",
        "complaint_answered",
    ]
    assert Notification.objects.filter(recipient=citizen, channel="in_app").count() == 8


def test_extension_after_the_deadline_is_refused(citizen, commune):
    info = officer(commune)
    request = submit(citizen, commune)
    with clock.travel_to(date(2027, 4, 8)), pytest.raises(ValidationError):
        services.request_extend(actor=info, request=request, reason="Late.")


def test_transfer_starts_the_receiving_institutions_clock(citizen, commune):
    info = officer(commune)
    region = InstitutionFactory(short_code="RSK")
    request = submit(citizen, commune)
    with clock.travel_to(date(2027, 3, 15)):
        services.request_transfer(actor=info, request=request, to=region, reason="The region holds the contract.")
    assert request.institution == region
    assert request.transferred_from == commune
    assert request.clock_started_on == date(2027, 3, 15)
    assert request.due_on == date(2027, 4, 12)
    # The first institution's officer no longer acts on it.
    with pytest.raises(PermissionDenied):
        services.request_assign(actor=info, request=request, assignee=info)


def test_wrong_role_and_wrong_institution_cannot_act(citizen, commune):
    request = submit(citizen, commune)
    other_officer = officer(InstitutionFactory())
    with pytest.raises(PermissionDenied):
        services.request_clarify(actor=other_officer, request=request, question="?")
    with pytest.raises(PermissionDenied):
        services.request_clarify(actor=UserFactory(verified=True), request=request, question="?")
    # The requester cannot answer their own request; the officer cannot answer the clarification.
    with pytest.raises(InvalidTransition):
        services.request_answer(actor=citizen, request=request, outcome="full", text="Done")


def test_answer_that_withholds_needs_a_ground(citizen, commune):
    info = officer(commune)
    request = submit(citizen, commune)
    with pytest.raises(ValidationError) as excinfo:
        services.request_answer(actor=info, request=request, outcome=Outcome.REFUSED, text="No.")
    assert "refusal_ground" in excinfo.value.message_dict


def test_silence_past_the_due_date_opens_the_complaint_window(citizen, commune):
    request = submit(citizen, commune)  # due Tue 6 April 2027
    with clock.travel_to(date(2027, 4, 6)):
        assert complaint_window(request) is None
    with clock.travel_to(date(2027, 4, 7)):
        assert complaint_window(request) is not None
    with clock.travel_to(date(2027, 5, 6)), pytest.raises(ValidationError):
        services.complaint_file(actor=citizen, request=request, body="Nobody answered.")


def test_complaint_window_after_silence_runs_from_the_due_date_itself(citizen, commune):
    request = submit(citizen, commune)  # due Tue 6 April 2027: day zero of the 20 working days to complain
    with clock.travel_to(date(2027, 4, 7)):
        assert complaint_window(request) == (date(2027, 4, 6), date(2027, 5, 4))
    with clock.travel_to(date(2027, 5, 5)), pytest.raises(ValidationError):
        services.complaint_file(actor=citizen, request=request, body="Nobody answered.")


def test_requester_details_are_masked_in_the_public_copy(citizen, commune):
    info = officer(commune)
    request = submit(
        citizen,
        commune,
        subject="Contract asked by AMINA ALAOUI",
        body="I am amina  alaoui, call me on 06 12 34 56 78 or +212 6-12-34-56-78, or write to "
        f"{citizen.email.upper()}. I live at 12 rue des Orangers, Hay Riad.",
        postal_address="12 rue des Orangers, Hay Riad",
    )
    public = request.public_subject + request.public_body
    for detail in ("amina", "alaoui", "12 34", "6-12", citizen.email.split("@")[0], "orangers", "hay riad"):
        assert detail not in public.lower()
    assert "[…]" in public
    assert "AMINA ALAOUI" in request.subject  # the original stays as written
    services.request_redact(actor=info, request=request, passages="street lighting")
    with clock.travel_to(date(2027, 3, 8)):
        services.request_answer(actor=info, request=request, outcome="full", text="Dear Mrs Alaoui, street lighting.")
    assert "alaoui" not in request.public_answer.lower()
    assert "street lighting" not in request.public_answer.lower()


def test_reminders_are_sent_once_per_step(citizen, commune):
    officer(commune)
    request = submit(citizen, commune)  # due Wed 7 April 2027
    assert services.reminders_send(today=date(2027, 3, 29)) == 0
    assert services.reminders_send(today=date(2027, 3, 31)) == 1  # five working days before
    before = Notification.objects.count()
    services.reminders_send(today=date(2027, 3, 31))
    assert Notification.objects.count() == before
    services.reminders_send(today=date(2027, 4, 6))  # one working day before
    services.reminders_send(today=date(2027, 4, 8))  # passed: the requester is told too
    templates = list(Notification.objects.filter(channel="in_app").values_list("template", "recipient_id"))
    assert templates.count(("information_update", request.requester_id)) == 2  # received + overdue
    assert sum(1 for t, _r in templates if t == "information_reminder") == 3


def test_follow_and_want_count_once(citizen, commune):
    request = InformationRequestFactory(institution=commune)
    reader = UserFactory(verified=True)
    services.request_follow(actor=reader, request=request, wants=True)
    services.request_follow(actor=reader, request=request, wants=True)
    request.refresh_from_db()
    assert (request.followers_count, request.wants_count) == (1, 1)
    services.request_unfollow(actor=reader, request=request)
    request.refresh_from_db()
    assert (request.followers_count, request.wants_count) == (0, 0)
    with pytest.raises(PermissionDenied):
        services.request_follow(actor=reader, request=InformationRequestFactory(private=True))
