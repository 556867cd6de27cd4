"""Handling a case: the queue, missing documents once with the clock paused, decisions, silence, tracking, figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from applications import selectors, services
from applications.models import ApplicationState, CaseEvent
from applications.tests.factories import case_officer, online_procedure, submitted
from audit.models import AuditEvent
from core import clock
from core.states import InvalidTransition
from information.tests.factories import pdf_upload
from institutions.models import Department
from institutions.tests.factories import InstitutionFactory
from notifications.models import Notification

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)  # a plain week: no holiday until Friday 13 March


@pytest.fixture
def commune():
    return InstitutionFactory(short_code="TEST")


@pytest.fixture
def officer(commune):
    return case_officer(commune)


@pytest.fixture
def procedure(commune):
    return online_procedure(commune)  # 10 working days, two documents


def test_submitting_sets_the_due_date_on_the_working_day_calendar(procedure):
    application = submitted(procedure, day=MONDAY)
    assert application.received_on == MONDAY and application.due_on == date(2026, 3, 16)
    assert application.reference == "DEM-TEST-2026-000001"
    assert AuditEvent.objects.filter(action="applications.submitted", institution=procedure.institution).exists()


def test_missing_documents_pause_the_clock_once_and_completing_restarts_it_with_the_days_left(procedure, officer):
    application = submitted(procedure, day=MONDAY)  # due Monday 16 March
    document = procedure.documents.first()
    with clock.travel_to(date(2026, 3, 4)):  # Wednesday: 8 working days left
        services.case_take(actor=officer, application=application)
        services.case_request_documents(
            actor=officer, application=application, documents=[document], message="La copie est illisible."
        )
    application.refresh_from_db()
    assert application.state == ApplicationState.AWAITING_DOCUMENTS and application.paused_on == date(2026, 3, 4)
    with pytest.raises(InvalidTransition):
        services.case_accept(actor=officer, application=application)
    with clock.travel_to(date(2026, 3, 11)):  # a week later
        with pytest.raises(ValidationError, match="Attach each document"):
            services.case_complete(actor=application.applicant, application=application, uploads={})
        services.case_complete(
            actor=application.applicant, application=application, uploads={document.pk: pdf_upload("nette.pdf")}
        )
    application.refresh_from_db()
    assert application.state == ApplicationState.IN_REVIEW and application.paused_on is None
    # Wednesday 11 + the 8 working days left, skipping Eid al-Fitr (Friday 20 March 2026).
    assert application.due_on == date(2026, 3, 24)
    assert application.files.filter(field_key=f"missing-{document.pk}").exists()
    with pytest.raises(ValidationError, match="only once"):
        services.case_request_documents(actor=officer, application=application, documents=[document], message="Encore")


def test_only_documents_the_procedure_lists_may_be_requested(procedure, officer):
    application = submitted(procedure)
    other = online_procedure().documents.first()
    with pytest.raises(ValidationError) as raised:
        services.case_request_documents(actor=officer, application=application, documents=[other], message="x")
    assert "documents" in raised.value.message_dict


def test_after_the_deadline_documents_can_no_longer_be_requested(procedure, officer):
    application = submitted(procedure, day=MONDAY)
    with clock.travel_to(date(2026, 3, 17)), pytest.raises(ValidationError, match="deadline has passed"):
        services.case_request_documents(
            actor=officer, application=application, documents=[procedure.documents.first()], message="x"
        )


def test_accepting_issues_a_decision_anyone_can_verify_with_initials_only(client, procedure, officer):
    application = submitted(procedure, UserFactory(verified=True, full_name="Youssef El Amrani"))
    services.case_take(actor=officer, application=application)
    services.case_accept(actor=officer, application=application, note="Valable un an.")
    application.refresh_from_db()
    assert application.state == ApplicationState.ACCEPTED and application.verification_code
    assert application.decided_on_time is True
    page = client.get(reverse("applications:verify_code", args=[application.verification_code])).content.decode()
    assert "This document is genuine" in page and "Y. E. A." in page
    assert "Youssef" not in page and application.applicant.email not in page
    assert client.get(reverse("applications:verify_code", args=["AAAA-BBBB-CCCC"])).status_code == 404
    lower = application.verification_code.replace("-", "").lower()
    assert selectors.decision_verify(verification_code=lower) == application


def test_decision_pdf_carries_the_text_signature_and_qr_in_each_language(client, procedure, officer):
    application = submitted(procedure)
    services.case_take(actor=officer, application=application)
    services.case_accept(actor=officer, application=application)
    client.force_login(application.applicant)
    from applications.documents import context_for, decision_text

    assert (
        decision_text(application) == f"Décision pour {application.applicant.full_name} ({application.reference}) : 3."
    )
    context = context_for(application, "decision")
    assert "<svg" in context["qr"] and application.verification_code in context["verify_url"]
    for language in ("ar", "fr", "en"):
        from django.utils import translation

        with translation.override(language):
            response = client.get(reverse("applications:decision", args=[application.public_id]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_refusing_needs_reasons_and_the_appeal_route(procedure, officer):
    application = submitted(procedure)
    services.case_take(actor=officer, application=application)
    with pytest.raises(ValidationError) as raised:
        services.case_refuse(actor=officer, application=application, motivation="Non.", appeal_route="")
    assert set(raised.value.message_dict) == {"motivation", "appeal_route"}
    services.case_refuse(
        actor=officer,
        application=application,
        motivation="Le terrain est en zone non constructible.",
        appeal_route="Recours gracieux sous 30 jours.",
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.REFUSED and application.verification_code


def test_silence_means_acceptance_after_the_deadline_and_the_attestation_is_downloadable(client, commune, officer):
    procedure = online_procedure(commune, silence=True)
    application = submitted(procedure, day=MONDAY)
    with clock.travel_to(date(2026, 3, 16)):  # the due date itself: not yet
        assert services.applications_tacit_sweep() == 0
    with clock.travel_to(date(2026, 3, 17)):
        assert services.applications_tacit_sweep() == 1
        assert services.applications_tacit_sweep() == 0
    application.refresh_from_db()
    assert application.state == ApplicationState.TACITLY_ACCEPTED and application.decided_on == date(2026, 3, 17)
    assert application.decided_on_time is False and application.verification_code
    client.force_login(application.applicant)
    page = client.get(reverse("applications:case", args=[application.public_id])).content.decode()
    assert "Download the attestation (PDF)" in page
    assert client.get(reverse("applications:decision", args=[application.public_id])).content.startswith(b"%PDF")


def test_a_paused_case_or_a_procedure_without_silence_rule_is_never_accepted_by_silence(procedure, officer):
    submitted(procedure, day=MONDAY)  # this procedure has no silence rule
    silent = online_procedure(procedure.institution, silence=True)
    paused = submitted(silent, day=MONDAY)
    with clock.travel_to(date(2026, 3, 3)):
        services.case_request_documents(
            actor=officer, application=paused, documents=[silent.documents.first()], message="Illisible."
        )
    with clock.travel_to(date(2026, 4, 30)):
        assert services.applications_tacit_sweep() == 0
        overdue = selectors.case_list_for_institution(institution=procedure.institution, due="overdue")
        assert [a.procedure_id for a in overdue] == [procedure.pk]


def test_internal_notes_are_never_shown_to_the_applicant(client, procedure, officer):
    application = submitted(procedure)
    services.case_take(actor=officer, application=application)
    services.case_note(actor=officer, application=application, note="Voisin du maire, attention.")
    services.case_message(actor=officer, application=application, message="Nous examinons votre dossier.")
    client.force_login(application.applicant)
    page = client.get(reverse("applications:case", args=[application.public_id])).content.decode()
    assert "Voisin du maire" not in page and "Nous examinons votre dossier." in page
    assert not Notification.objects.filter(recipient=application.applicant, body__contains="Voisin").exists()
    assert CaseEvent.objects.filter(application=application, internal=True).count() == 1


def test_only_a_case_officer_of_the_institution_acts(procedure, officer):
    application = submitted(procedure)
    for actor in (
        staff(Role.INFORMATION_OFFICER, institution=procedure.institution),
        case_officer(InstitutionFactory()),
        application.applicant,
        UserFactory(verified=True),
    ):
        with pytest.raises((PermissionDenied, InvalidTransition)):
            services.case_take(actor=actor, application=application)
        with pytest.raises(PermissionDenied):
            services.case_note(actor=actor, application=application, note="x")


def test_queue_is_routed_to_the_officers_department_and_filters(client, commune, officer):
    urban = Department.objects.create(institution=commune, name_fr="Urbanisme")
    civil = Department.objects.create(institution=commune, name_fr="État civil")
    building = online_procedure(commune, department=urban)
    records = online_procedure(commune, department=civil)
    mine = submitted(building)
    theirs = submitted(records)
    routed = case_officer(commune)
    routed.memberships.filter(role=Role.CASE_OFFICER).update(department=urban)
    client.force_login(routed)
    url = reverse("applications:staff_queue", args=[commune.slug])
    page = client.get(url).content.decode()
    assert mine.reference in page and theirs.reference not in page
    page = client.get(url, {"department": ""}).content.decode()
    assert mine.reference in page and theirs.reference in page
    services.case_take(actor=officer, application=theirs)
    page = client.get(url, {"department": "", "assignee": "nobody"}).content.decode()
    assert mine.reference in page and theirs.reference not in page


def test_case_actions_through_the_pages(client, procedure, officer):
    application = submitted(procedure)
    slug = procedure.institution.slug
    client.force_login(officer)
    case_url = reverse("applications:staff_case", args=[slug, application.public_id])
    page = client.get(case_url).content.decode()
    assert "Take the case" in page and "Accept and issue the decision" not in page
    assert (
        client.post(reverse("applications:staff_action", args=[slug, application.public_id, "take"])).status_code == 302
    )
    bad = client.post(
        reverse("applications:staff_action", args=[slug, application.public_id, "refuse"]),
        {"motivation": "Non", "appeal_route": "Recours"},
    )
    assert bad.status_code == 400 and "at least 20 characters" in bad.content.decode()
    ok = client.post(reverse("applications:staff_action", args=[slug, application.public_id, "accept"]), {"note": ""})
    assert ok.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.ACCEPTED
    again = client.post(
        reverse("applications:staff_action", args=[slug, application.public_id, "accept"]), {"note": ""}
    )
    assert again.status_code == 302  # "not possible in this state", nothing changes
    assert AuditEvent.objects.filter(action="applications.accepted").count() == 1


def test_staff_pages_refuse_the_wrong_role_the_wrong_institution_and_anonymous(client, procedure):
    application = submitted(procedure)
    slug = procedure.institution.slug
    urls = [
        reverse("applications:staff_queue", args=[slug]),
        reverse("applications:staff_case", args=[slug, application.public_id]),
        reverse("applications:staff_file", args=[slug, application.public_id, application.files.first().public_id]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(staff(Role.INFORMATION_OFFICER, institution=procedure.institution))
    for url in urls:
        assert client.get(url).status_code == 403
    elsewhere = case_officer(InstitutionFactory())
    client.force_login(elsewhere)
    other_slug = elsewhere.memberships.get().institution.slug
    assert client.get(reverse("applications:staff_case", args=[other_slug, application.public_id])).status_code == 404
    assert client.get(urls[1]).status_code == 403


def test_tracking_without_signing_in_needs_the_reference_and_the_secret(client, procedure):
    application = submitted(procedure)
    url = reverse("applications:track")
    wrong = client.post(url, {"reference": application.reference, "secret": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 404 and "No application matches" in wrong.content.decode()
    right = client.post(url, {"reference": application.reference.lower(), "secret": application.secret.lower()})
    page = right.content.decode()
    assert right.status_code == 200 and "Received" in page and "application was received" in page
    assert application.applicant.full_name not in page


def test_public_figures_count_silence_against_the_institution(client, commune, officer):
    procedure = online_procedure(commune, silence=True)
    quick = submitted(procedure, day=MONDAY)
    with clock.travel_to(date(2026, 3, 6)):
        services.case_take(actor=officer, application=quick)
        services.case_accept(actor=officer, application=quick)
    submitted(procedure, day=MONDAY)
    with clock.travel_to(date(2026, 3, 20)):
        services.applications_tacit_sweep()
        from django.core.cache import cache

        cache.clear()
        figures = selectors.procedure_figures(procedure=procedure)
        assert (figures.received, figures.decided, figures.tacit, figures.on_time_share, figures.median_whole) == (
            2,
            2,
            1,
            50,
            4,
        )
        page = client.get(reverse("procedures:detail", args=[commune.slug, procedure.slug])).content.decode()
        assert "Usually decided in 4 days." in page
        api = client.get(f"/api/v1/procedure-figures/{commune.slug}/{procedure.slug}").json()
        assert api["tacit_acceptances"] == 1 and api["decided_within_maximum_percent"] == 50
        listed = client.get("/api/v1/procedure-figures").json()
        assert listed["count"] == 1
        assert "procedure-figures" in client.get("/api/v1/openapi.json").content.decode()
        assert procedure.title in client.get(reverse("applications:figures")).content.decode()


def test_officers_are_reminded_before_and_after_the_due_date_once(procedure, officer):
    application = submitted(procedure, day=MONDAY)  # due 16 March
    with clock.travel_to(date(2026, 3, 5)):
        assert services.reminders_send() == 0
    with clock.travel_to(date(2026, 3, 12)):
        assert services.reminders_send() == 1
        services.reminders_send()
    with clock.travel_to(date(2026, 3, 17)):
        services.reminders_send()
    keys = set(
        Notification.objects.filter(recipient=officer, key__startswith="app-remind").values_list("key", flat=True)
    )
    assert {k.rsplit(":", 2)[0] for k in keys} == {
        f"app-remind:{application.pk}:2026-03-16:soon",
        f"app-remind:{application.pk}:2026-03-16:overdue",
    }


def test_my_office_lists_cases_and_drafts(client, procedure):
    application = submitted(procedure)
    client.force_login(application.applicant)
    page = client.get(reverse("portal:my_office")).content.decode()
    assert application.reference in page


def test_case_pages_do_not_grow_with_rows(client, commune, officer, django_assert_max_num_queries):
    procedure = online_procedure(commune)
    first = submitted(procedure)
    client.force_login(officer)
    queue = reverse("applications:staff_queue", args=[commune.slug])
    client.get(queue)
    for _n in range(15):
        services.case_note(actor=officer, application=submitted(procedure), note="x")
    for _n in range(10):
        services.case_note(actor=officer, application=first, note="y")
    with django_assert_max_num_queries(12):
        response = client.get(queue)
    assert response.status_code == 200
    assert first.reference in response.content.decode()
    with django_assert_max_num_queries(16):
        response = client.get(reverse("applications:staff_case", args=[commune.slug, first.public_id]))
    assert response.status_code == 200
    assert first.reference in response.content.decode()
    client.force_login(first.applicant)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("applications:case", args=[first.public_id]))
    assert response.status_code == 200
    assert first.reference in response.content.decode()
    with django_assert_max_num_queries(8):
        response = client.get(reverse("applications:figures"))
    assert response.status_code == 200
    assert escape(procedure.title_fr) in response.content.decode()


def test_my_data_exports_applications_and_erasure_removes_drafts(procedure):
    from core.registry import data_erasers, data_exporters

    application = submitted(procedure)
    exported = dict(data_exporters.items())["applications"](application.applicant)
    assert exported["applications"][0]["reference"] == application.reference
    from applications.tests.factories import draft

    other = draft(online_procedure(), application.applicant, complete=False)
    dict(data_erasers.items())["applications"](application.applicant)
    assert not type(other).objects.filter(pk=other.pk).exists()
    application.refresh_from_db()


def test_submission_receipt_is_dated_by_the_clock(procedure):
    application = submitted(procedure, day=MONDAY - timedelta(days=2))  # a Saturday: day zero, Monday is day 1
    assert application.received_on == date(2026, 2, 28) and application.due_on == date(2026, 3, 13)


def test_queue_finds_a_case_by_reference_or_by_words_of_the_procedure(procedure, officer):
    application = submitted(procedure)
    other = submitted(online_procedure(procedure.institution, title_fr="Autorisation de terrasse"))
    found = selectors.case_list_for_institution(institution=procedure.institution, query=application.reference)
    assert list(found) == [application]
    found = selectors.case_list_for_institution(institution=procedure.institution, query="terrasse")
    assert list(found) == [other]


def test_a_draft_of_a_procedure_withdrawn_from_the_catalogue_cannot_be_sent(procedure):
    from applications.tests.factories import draft

    application = draft(procedure)
    procedure.state = "draft"
    procedure.save(update_fields=["state"])
    with pytest.raises(ValidationError, match="no longer offers"):
        services.application_submit(actor=application.applicant, application=application)


def test_the_institution_page_shows_its_applications_record(client, procedure, officer):
    application = submitted(procedure)
    services.case_take(actor=officer, application=application)
    services.case_accept(actor=officer, application=application)
    page = client.get(reverse("institutions:detail", args=[procedure.institution.slug])).content.decode()
    assert "Online applications: the record" in page
    figures = client.get(reverse("applications:figures"), {"institution": procedure.institution.slug})
    assert procedure.title in figures.content.decode()
    other = client.get(reverse("applications:figures"), {"institution": "elsewhere"}).content.decode()
    assert procedure.title not in other


# --- From the review: the law decides after silence, decisions do not change, own cases, codes ----------------


def test_after_a_silent_deadline_the_officer_can_no_longer_refuse_or_close(commune, officer):
    procedure = online_procedure(commune, silence=True)
    application = submitted(procedure, day=MONDAY)
    services.case_take(actor=officer, application=application)
    with clock.travel_to(date(2026, 3, 17)):  # the job has not run yet
        for act in (
            lambda: services.case_refuse(
                actor=officer, application=application, motivation="x" * 30, appeal_route="Recours"
            ),
            lambda: services.case_close(actor=officer, application=application, reason="Abandon"),
            lambda: services.case_accept(actor=officer, application=application),
        ):
            with pytest.raises(ValidationError, match="accepted by law"):
                act()
        assert services.applications_tacit_sweep() == 1


def test_the_silence_rule_is_the_one_the_application_was_received_under(commune, officer):
    procedure = online_procedure(commune, silence=True)
    submitted(procedure, day=MONDAY)
    procedure.silence_is_acceptance = False
    procedure.save(update_fields=["silence_is_acceptance"])
    with clock.travel_to(date(2026, 3, 17)):
        assert services.applications_tacit_sweep() == 1


def test_time_waiting_for_the_applicant_is_not_counted_as_processing_time(procedure, officer):
    application = submitted(procedure, day=MONDAY)
    document = procedure.documents.first()
    with clock.travel_to(date(2026, 3, 3)):
        services.case_request_documents(actor=officer, application=application, documents=[document], message="x")
    with clock.travel_to(date(2026, 3, 10)):
        services.case_complete(
            actor=application.applicant, application=application, uploads={document.pk: pdf_upload()}
        )
    with clock.travel_to(date(2026, 3, 12)):
        services.case_accept(actor=officer, application=application)
    application.refresh_from_db()
    assert application.paused_days == 7 and application.decision_days == 3


def test_a_document_removed_from_the_procedure_after_the_request_does_not_block_the_applicant(procedure, officer):
    application = submitted(procedure)
    first, second = list(procedure.documents.all())
    services.case_request_documents(actor=officer, application=application, documents=[first, second], message="x")
    second.delete()
    services.case_complete(actor=application.applicant, application=application, uploads={first.pk: pdf_upload()})
    application.refresh_from_db()
    assert application.state == ApplicationState.IN_REVIEW


def test_closing_a_late_case_still_counts_as_late_in_the_figures(procedure, officer):
    from django.core.cache import cache

    application = submitted(procedure, day=MONDAY)
    with clock.travel_to(date(2026, 4, 1)):
        services.case_close(actor=officer, application=application, reason="Sans nouvelles")
        cache.clear()
        figures = selectors.procedure_figures(procedure=procedure)
        assert figures.closed_late == 1 and figures.on_time_share == 0


def test_an_officer_never_sees_nor_handles_their_own_application(client, commune, officer):
    procedure = online_procedure(commune)
    own = submitted(procedure, officer)
    other = submitted(procedure)
    client.force_login(officer)
    assert client.get(reverse("applications:staff_case", args=[commune.slug, own.public_id])).status_code == 404
    page = client.get(reverse("applications:staff_queue", args=[commune.slug])).content.decode()
    table = page.split("<table")[1].split("</table>")[0]
    assert own.reference not in table and other.reference in table
    colleague = case_officer(commune)
    with pytest.raises(ValidationError):
        services.case_take(actor=colleague, application=own, assignee=officer)


def test_the_tracking_code_may_be_typed_with_spaces_instead_of_hyphens(procedure):
    application = submitted(procedure)
    typed = application.secret.replace("-", " ").lower()
    assert selectors.application_track(reference=application.reference, secret=typed) == application


def test_a_verification_code_with_odd_characters_is_explained_not_an_error(client):
    response = client.get(reverse("applications:verify"), {"code": "a/b"})
    assert response.status_code == 200 and "letters and digits" in response.content.decode()


def test_publishing_refuses_a_condition_whose_question_moved_after_it(commune):
    admin = staff(Role.INSTITUTION_ADMIN, institution=commune)
    procedure = online_procedure(commune, admin=admin)
    form = services.form_working_version(actor=admin, procedure=procedure)
    from applications.models import FormField

    source = FormField.objects.get(step__form=form, key="lotissement")
    FormField.objects.filter(pk=source.pk).update(position=99)  # moved below the question that depends on it
    with pytest.raises(ValidationError, match="Numéro du lot"):
        services.form_publish(actor=admin, procedure=procedure, form=form)


def test_one_draft_per_person_and_procedure_is_enforced_by_the_database(procedure):
    from django.db import IntegrityError, transaction

    from applications.models import Application
    from applications.tests.factories import draft

    first = draft(procedure, complete=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            procedure=procedure, form=first.form, institution=first.institution, applicant=first.applicant
        )


def test_the_applicant_is_reminded_that_documents_are_awaited(procedure, officer):
    application = submitted(procedure, day=MONDAY)
    with clock.travel_to(MONDAY):
        services.case_request_documents(
            actor=officer, application=application, documents=[procedure.documents.first()], message="x"
        )
    from applications.services.daily import documents_chase

    with clock.travel_to(MONDAY + timedelta(days=9)):
        assert documents_chase() == 0
    with clock.travel_to(MONDAY + timedelta(days=10)):
        assert documents_chase() == 1
        documents_chase()
    chased = Notification.objects.filter(recipient=application.applicant, key__startswith="app-chase")
    assert chased.count() == 2  # in the site and by email, once
    body = chased.first().body  # in the applicant's language (French here)
    assert "il y a 10 jours" in body and application.reference in body
