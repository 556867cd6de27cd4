"""The case engine as the modules use it: timeline with channel and acting-for, guards, the clock, actions, files."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from applications.models import ApplicationState
from applications.services.common import CASE as APPLICATION_CASE
from audit.models import AuditEvent, Channel
from audit.services import Context
from cases.diagrams import page_with_diagram, stale_pages
from cases.engine import CaseType, ClockTransition, case_types, clock_sweep
from core import clock
from information import services
from information.models import InformationRequest, RequestEvent
from information.services.common import CASE as INFORMATION_CASE
from information.tests.factories import InformationRequestFactory, officer

pytestmark = pytest.mark.django_db


def test_both_modules_are_registered_case_types():
    assert case_types.get("information") is INFORMATION_CASE
    assert case_types.get("applications") is APPLICATION_CASE


def test_an_agent_acting_for_a_citizen_at_a_desk_is_recorded_with_both_people():
    request = InformationRequestFactory()
    agent = officer(request.institution)
    desk = Context(channel=Channel.DESK, acting_for=request.requester)
    with clock.travel_to(request.received_on):
        event = INFORMATION_CASE.record(
            case=request,
            kind="assigned",
            actor=agent,
            context=desk,
            by_staff=True,
            on_date=request.received_on,
            institution=request.institution,
        )
    event.refresh_from_db()
    assert isinstance(event, RequestEvent)
    assert (event.actor, event.on_behalf_of, event.channel) == (agent, request.requester, Channel.DESK)
    row = AuditEvent.objects.filter(action="information.assigned").latest("id")
    assert (row.actor, row.acting_for, row.channel) == (agent, request.requester, Channel.DESK)


def test_a_letter_is_a_channel_of_its_own():
    request = InformationRequestFactory()
    event = INFORMATION_CASE.record(
        case=request,
        kind="submitted",
        actor=None,
        context=Context(channel=Channel.LETTER),
        on_date=request.received_on,
        institution=request.institution,
    )
    assert event.channel == "letter" and event.actor is None


def test_a_stranger_has_no_role_and_cannot_fire_anything():
    request = InformationRequestFactory()
    stranger = UserFactory(verified=True)
    assert INFORMATION_CASE.role(stranger, request) is None
    with pytest.raises(PermissionDenied):
        INFORMATION_CASE.fire(stranger, request, "withdraw")


def test_a_guard_that_does_not_hold_refuses_in_the_persons_words_and_hides_the_button():
    request = InformationRequestFactory()
    info = officer(request.institution)
    with clock.travel_to(request.received_on):
        services.request_extend(actor=info, request=request, reason="Volume of documents.")
        request.refresh_from_db()
        assert "extend" not in INFORMATION_CASE.actions(request, role="information_officer")
        with translation.override("en"), pytest.raises(ValidationError, match="already extended once"):
            INFORMATION_CASE.fire(info, request, "extend")


def test_the_clock_is_a_role_people_never_hold():
    assert APPLICATION_CASE.role(None, object()) == "clock"  # type: ignore[arg-type]
    assert "tacit" in APPLICATION_CASE.machine.clock_actions()
    assert "tacit" not in APPLICATION_CASE.machine.actions_from(ApplicationState.IN_REVIEW, role="case_officer")


class Broken(Exception):
    pass


@pytest.fixture
def toy_clock():
    """A registered machine whose clock fires on three cases, one of which fails."""
    fired: list[int] = []

    def run(case: int) -> bool:
        if case == 2:
            raise Broken
        fired.append(case)
        return True

    toy: CaseType = CaseType(  # type: ignore[type-arg]
        name="toy",
        model=InformationRequest,
        machine=INFORMATION_CASE.machine,
        role_of=lambda actor, case: None,
        event_model=RequestEvent,
        case_field="request",
        audit_prefix="toy",
        initial="submitted",
        clock=(ClockTransition("expire", due=lambda today: [1, 2, 3], run=run),),
    )
    case_types.register("toy", toy)
    yield fired
    case_types.unregister("toy")


def test_one_clock_job_asks_every_machine_and_a_failing_case_does_not_stop_the_others(toy_clock, caplog):
    counts = clock_sweep()
    assert toy_clock == [1, 3]
    assert counts["toy.expire"] == 2 and counts["toy.expire.failed"] == 1
    assert counts["applications.tacit"] == 0
    assert "clock transition toy.expire failed" in caplog.text


def test_the_clock_job_accepts_an_application_by_silence():
    from applications.tests.factories import online_procedure, submitted

    application = submitted(online_procedure(silence=True))
    assert application.due_on is not None
    with clock.travel_to(application.due_on):  # the last day is still the institution's
        assert clock_sweep()["applications.tacit"] == 0
    with clock.travel_to(application.due_on + timedelta(days=1)):
        assert clock_sweep()["applications.tacit"] == 1
    application.refresh_from_db()
    assert application.state == ApplicationState.TACITLY_ACCEPTED
    assert application.events.filter(kind="tacitly_accepted", channel=Channel.SYSTEM).exists()


def test_the_diagrams_in_the_docs_are_those_the_code_draws():
    assert stale_pages(write=False) == [], "run: python manage.py case_diagrams"


def test_a_diagram_replaces_its_old_block_and_keeps_the_page_around_it():
    page = page_with_diagram(INFORMATION_CASE, "# Title\n\nText.\n")
    assert page.startswith("# Title\n\nText.\n\n## States\n") and "stateDiagram-v2" in page
    again = page_with_diagram(INFORMATION_CASE, page.replace("assign by", "OLD by") + "\nAfter.\n")
    assert again == page + "\nAfter.\n"


def test_private_files_refuse_a_guessed_id_and_another_citizen(client):
    other = UserFactory(verified=True)
    client.force_login(other)
    url = reverse("information:answer_file", args=["not-a-real-id"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("information:publication_file", args=["not-a-real-id"])).status_code == 404
