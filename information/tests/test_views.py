"""Pages as people use them: citizens, the public, officers and heads of bodies."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from core import clock
from information import services
from information.models import Complaint, InformationRequest, Publication, RequestState
from information.tests.factories import InformationRequestFactory, PublicationFactory, category, officer, pdf_upload
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return InstitutionFactory(short_code="RABAT", slug="commune-rabat-test")


@pytest.fixture
def citizen():
    return UserFactory(verified=True, full_name="Amina Alaoui", phone="0612345678")


def _form(institution, **extra):
    data = {
        "institution": institution.slug,
        "subject": "Street lighting contract",
        "body": "Please send the 2026 street lighting maintenance contract.",
        "delivery_format": "electronic",
        "visibility": "public",
        "submission_key": str(uuid.uuid4()),
        "step": "send",
    }
    data.update(extra)
    return data


# --- Filing --------------------------------------------------------------------------------------


def test_filing_shows_what_is_already_published_then_files_once(client, citizen, commune):
    PublicationFactory(institution=commune, title="Street lighting maintenance contract 2026")
    client.force_login(citizen)
    url = reverse("information:new")
    data = _form(commune, step="check")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Street lighting maintenance contract 2026" in response.content.decode()
    assert InformationRequest.objects.count() == 0
    data["step"] = "send"
    first = client.post(url, data)
    second = client.post(url, data)  # the button pressed twice
    assert InformationRequest.objects.count() == 1
    request = InformationRequest.objects.get()
    assert first["Location"] == second["Location"] == reverse("information:confirmation", args=[request.public_id])
    page = client.get(first["Location"]).content.decode()
    assert request.reference in page and request.due_on.strftime("%Y") in page


def test_bad_input_is_explained_and_kept(client, citizen, commune):
    client.force_login(citizen)
    response = client.post(
        reverse("information:new"),
        _form(commune, subject="", delivery_format="paper", urgent="on", body="My very precise question"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_subject_error"' in body and 'id="id_postal_address_error"' in body
    assert 'id="id_urgency_reason_error"' in body
    assert "My very precise question" in body
    assert InformationRequest.objects.count() == 0


def test_filing_needs_a_confirmed_email(client, commune):
    client.force_login(UserFactory())
    assert client.get(reverse("information:new")).status_code == 403
    client.logout()
    assert client.get(reverse("information:new")).status_code == 302


def test_receipt_is_a_pdf(client, citizen, commune):
    request, _ = services.request_submit(
        actor=citizen, institution=commune, subject="Budget", body="The 2026 budget.", delivery_format="electronic"
    )
    client.force_login(citizen)
    response = client.get(reverse("information:receipt", args=[request.public_id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


# --- The requester's own pages, and nobody else's ---------------------------------------------------

MINE_PAGES = ["information:mine", "information:confirmation", "information:receipt"]


@pytest.mark.parametrize("name", MINE_PAGES)
def test_another_citizen_cannot_see_a_request(client, name):
    request = InformationRequestFactory()
    client.force_login(UserFactory(verified=True))
    assert client.get(reverse(name, args=[request.public_id])).status_code == 404


@pytest.mark.parametrize("name", MINE_PAGES)
def test_anonymous_visitor_is_sent_to_sign_in(client, name):
    request = InformationRequestFactory()
    response = client.get(reverse(name, args=[request.public_id]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_clarification_complaint_and_appeal_through_the_pages(client, citizen, commune):
    info = officer(commune)
    with clock.travel_to(date(2027, 3, 6)):
        request, _ = services.request_submit(
            actor=citizen, institution=commune, subject="Budget", body="The 2026 budget.", delivery_format="electronic"
        )
    with clock.travel_to(date(2027, 3, 8)):
        services.request_clarify(actor=info, request=request, question="Which year exactly?")
    client.force_login(citizen)
    mine = reverse("information:mine", args=[request.public_id])
    assert "Which year exactly?" in client.get(mine).content.decode()
    with clock.travel_to(date(2027, 3, 12)):
        response = client.post(reverse("information:clarification", args=[request.public_id]), {"answer": ""})
        assert response.status_code == 400
        client.post(reverse("information:clarification", args=[request.public_id]), {"answer": "2026."})
    request.refresh_from_db()
    assert request.state == RequestState.IN_PROGRESS and request.due_on == date(2027, 4, 8)
    # No complaint before an answer or a missed deadline.
    assert client.get(reverse("information:complaint", args=[request.public_id])).status_code == 404
    with clock.travel_to(date(2027, 3, 16)):
        services.request_answer(actor=info, request=request, outcome="refused", text="No.", refusal_ground="privacy")
    with clock.travel_to(date(2027, 3, 17)):
        page = client.get(mine).content.decode()
        assert reverse("information:complaint", args=[request.public_id]) in page
        client.post(reverse("information:complaint", args=[request.public_id]), {"body": "It is public money."})
    assert Complaint.objects.filter(request=request).exists()
    assert client.get(reverse("information:appeal", args=[request.public_id])).status_code == 200
    pdf = client.get(reverse("information:appeal_pdf", args=[request.public_id]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


# --- Public pages and privacy ---------------------------------------------------------------------


def test_private_request_never_reaches_a_public_page_feed_search_or_api(client, commune):
    public = InformationRequestFactory(institution=commune, subject="Public lighting", public_subject="Public lighting")
    private = InformationRequestFactory(
        institution=commune, private=True, subject="Secret lighting", public_subject="Secret lighting"
    )
    pages = [
        reverse("information:log"),
        reverse("information:log") + "?q=lighting",
        reverse("information:log") + f"?institution={commune.slug}",
        reverse("information:statistics"),
        reverse("information:scheme", args=[commune.slug]),
        reverse("institutions:detail", args=[commune.slug]),
        reverse("information:feed", args=[commune.slug]),
        "/api/v1/information-requests",
        "/api/v1/information-requests?q=lighting",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "Secret lighting" not in body and private.public_id not in body and private.reference not in body, url
    assert "Public lighting" in client.get(reverse("information:log")).content.decode()
    assert client.get(reverse("information:public", args=[private.public_id])).status_code == 404
    assert client.get(f"/api/v1/information-requests/{private.public_id}").status_code == 404
    assert client.get(f"/api/v1/information-requests/{public.public_id}").status_code == 200


def test_requester_details_never_reach_a_public_page(client, citizen, commune):
    info = officer(commune)
    request, _ = services.request_submit(
        actor=citizen,
        institution=commune,
        subject="Lighting in front of Amina Alaoui's house",
        body=f"Call me on 06.12.34.56.78 or write to {citizen.email}. Address: 7 rue Oqba, Agdal.",
        delivery_format="paper",
        postal_address="7 rue Oqba, Agdal",
    )
    services.request_clarify(actor=info, request=request, question="Dear ALAOUI, which street?")
    services.request_clarification_answer(actor=citizen, request=request, answer="Rue Oqba, I am amina alaoui.")
    services.request_answer(actor=info, request=request, outcome="full", text="Dear Mrs Amina Alaoui, 0612345678.")
    for url in [
        reverse("information:public", args=[request.public_id]),
        reverse("information:log"),
        reverse("information:log") + "?q=lighting",
        f"/api/v1/information-requests/{request.public_id}",
        "/api/v1/information-requests",
    ]:
        body = client.get(url).content.decode().lower()
        for detail in ("amina", "alaoui", "12.34", "0612345678", citizen.email.lower(), "oqba", "agdal"):
            assert detail not in body, (url, detail)


def test_public_pages_answer(client, commune):
    publication = PublicationFactory(institution=commune, title="Budget 2026")
    request = InformationRequestFactory(institution=commune, answered=True)
    for url in [
        reverse("information:library"),
        reverse("information:library") + f"?institution={commune.slug}&category=budget&year=2026&q=budget",
        reverse("information:publication", args=[publication.public_id]),
        reverse("information:scheme", args=[commune.slug]),
        reverse("information:log") + "?state=answered&outcome=full",
        reverse("information:public", args=[request.public_id]),
        reverse("information:statistics"),
        "/api/v1/publications",
        f"/api/v1/publications/{publication.public_id}",
    ]:
        assert client.get(url).status_code == 200, url
    feed = client.get(reverse("information:feed", args=[commune.slug]))
    assert feed["Content-Type"].startswith("application/atom+xml") and b"Budget 2026" in feed.content
    assert "information-requests" in client.get("/api/v1/openapi.json").content.decode()


def test_withdrawn_publication_leaves_the_library_and_the_feed(client, commune):
    publication = PublicationFactory(institution=commune, title="Old budget", withdrawn=True)
    assert b"Old budget" not in client.get(reverse("information:library")).content
    assert b"Old budget" not in client.get(reverse("information:feed", args=[commune.slug])).content
    assert client.get(f"/api/v1/publications/{publication.public_id}").status_code == 404


def test_follow_and_want_this_too(client, commune):
    request = InformationRequestFactory(institution=commune)
    url = reverse("information:follow", args=[request.public_id])
    assert reverse("account_login") in client.post(url, {"action": "want"})["Location"]
    client.force_login(UserFactory(verified=True))
    client.post(url, {"action": "want"})
    request.refresh_from_db()
    assert (request.followers_count, request.wants_count) == (1, 1)


def test_answer_files_are_private_unless_published(client, citizen, commune):
    info = officer(commune)
    request, _ = services.request_submit(
        actor=citizen, institution=commune, subject="Budget", body="The budget.", delivery_format="electronic"
    )
    services.request_answer(actor=info, request=request, outcome="full", text="Attached.", files=[pdf_upload()])
    url = reverse("information:answer_file", args=[request.answer_files.get().public_id])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(verified=True))
    assert client.get(url).status_code == 404
    client.force_login(citizen)
    assert client.get(url).status_code == 200
    InformationRequest.objects.filter(pk=request.pk).update(publish_answer_files=True)
    client.logout()
    assert client.get(url).status_code == 200


# --- Staff ---------------------------------------------------------------------------------------

STAFF_PAGES = ["information:staff_inbox"]


def test_officer_handles_a_request_from_the_back_office(client, citizen, commune):
    info = officer(commune)
    request, _ = services.request_submit(
        actor=citizen, institution=commune, subject="Budget", body="The budget.", delivery_format="electronic"
    )
    client.force_login(info)
    slug = commune.slug
    inbox = reverse("information:staff_inbox", args=[slug])
    assert request.reference in client.get(inbox + "?state=submitted&assignee=none").content.decode()
    assert request.reference not in client.get(inbox + "?due=overdue").content.decode()
    assert request.reference not in client.get(inbox + "?due=soon").content.decode()  # due in 20 working days
    detail = reverse("information:staff_request", args=[slug, request.public_id])
    assert client.get(detail).status_code == 200

    def act(action, **data):
        return client.post(
            reverse("information:staff_action", args=[slug, request.public_id, action]),
            {f"{action}-{k}": v for k, v in data.items()},
        )

    assert act("assign", assignee=str(info.public_id)).status_code == 302
    response = act("extend", reason="")
    assert response.status_code == 400 and 'id="id_extend-reason_error"' in response.content.decode()
    assert act("extend", reason="We consult the treasury.").status_code == 302
    assert act("answer", outcome="partial", text="In part.", refusal_ground="").status_code == 400
    assert act("answer", outcome="partial", text="In part.", refusal_ground="economy").status_code == 302
    assert act("redact", passages="treasury").status_code == 302
    assert client.post(reverse("information:staff_action", args=[slug, request.public_id, "close"])).status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.CLOSED and request.extended_on is not None


def test_wrong_institution_wrong_role_and_citizens_are_kept_out(client, commune):
    request = InformationRequestFactory(institution=commune)
    inbox = reverse("information:staff_inbox", args=[commune.slug])
    detail = reverse("information:staff_request", args=[commune.slug, request.public_id])
    action = reverse("information:staff_action", args=[commune.slug, request.public_id, "close"])
    assert client.get(inbox).status_code == 302
    for person in [
        UserFactory(verified=True),
        request.requester,
        staff(Role.INFORMATION_OFFICER),  # another institution
        staff(Role.CASE_OFFICER, institution=commune),  # wrong role
        staff(Role.INSTITUTION_ADMIN, institution=commune),
    ]:
        client.force_login(person)
        assert client.get(inbox).status_code == 403
        assert client.get(detail).status_code == 403
        assert client.post(action).status_code == 403
    # An officer of another institution reaching through their own slug finds nothing.
    other = officer(InstitutionFactory())
    client.force_login(other)
    other_slug = other.memberships.get().institution.slug
    assert client.get(reverse("information:staff_request", args=[other_slug, request.public_id])).status_code == 404


def test_publications_are_published_edited_and_withdrawn_with_an_audit_trail(client, commune):
    from audit.models import AuditEvent

    client.force_login(officer(commune))
    slug = commune.slug
    response = client.post(
        reverse("information:staff_publication_new", args=[slug]),
        {
            "title_fr": "Budget 2027",
            "category": category("budget").pk,
            "summary_fr": "Adopted budget.",
            "language": "fr",
            "published_on": "2026-12-01",
            "tags": "Budget, budget, Finances",
            "attachments": [pdf_upload("budget.pdf")],
        },
    )
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert publication.tags == "budget, finances"
    edit = reverse("information:staff_publication_edit", args=[slug, publication.public_id])
    assert client.get(edit).status_code == 200
    client.post(
        edit,
        {
            "title_fr": "Budget 2027 (adopted)",
            "category": category("budget").pk,
            "summary_fr": "",
            "language": "fr",
            "published_on": "2026-12-01",
            "tags": "",
        },
    )
    withdraw = reverse("information:staff_publication_withdraw", args=[slug, publication.public_id])
    client.post(withdraw, {"reason": "Replaced by the amended budget."})
    publication.refresh_from_db()
    assert publication.title == "Budget 2027 (adopted)" and not publication.is_published
    actions = set(AuditEvent.objects.filter(institution=commune).values_list("action", flat=True))
    assert {"publication.create", "publication.update", "publication.withdraw"} <= actions


def test_wrong_file_type_is_refused_kindly(client, commune):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(officer(commune))
    response = client.post(
        reverse("information:staff_publication_new", args=[commune.slug]),
        {
            "title_fr": "Budget",
            "category": category("budget").pk,
            "language": "fr",
            "published_on": "2026-12-01",
            "attachments": [SimpleUploadedFile("budget.pdf", b"MZ\x90\x00 not a pdf")],
        },
    )
    assert response.status_code == 200
    assert 'id="id_attachments_error"' in response.content.decode()
    assert 'value="Budget"' in response.content.decode()
    assert not Publication.objects.exists()


def test_head_of_the_body_answers_complaints(client, citizen, commune):
    info = officer(commune)
    head = staff(Role.DECISION_MAKER, institution=commune)
    request, _ = services.request_submit(
        actor=citizen, institution=commune, subject="Budget", body="The budget.", delivery_format="electronic"
    )
    services.request_answer(actor=info, request=request, outcome="refused", text="No.", refusal_ground="privacy")
    complaint = services.complaint_file(actor=citizen, request=request, body="Why?")
    client.force_login(info)
    assert client.get(reverse("information:staff_complaints", args=[commune.slug])).status_code == 403
    client.force_login(head)
    listing = client.get(reverse("information:staff_complaints", args=[commune.slug])).content.decode()
    assert request.reference in listing
    url = reverse("information:staff_complaint", args=[commune.slug, complaint.public_id])
    assert client.get(url).status_code == 200
    client.post(url, {"decision": "upheld", "text": "The information will be sent."})
    complaint.refresh_from_db()
    assert complaint.state == "answered"


# --- Query counts: flat as rows grow ---------------------------------------------------------------


def _many(n, institution):
    for i in range(n):
        InformationRequestFactory(institution=institution, answered=i % 2 == 0)
        PublicationFactory(institution=institution)


@pytest.mark.parametrize(
    "url_name",
    [
        "information:log",
        "information:library",
        "information:statistics",
        "information:scheme",
        "information:feed",
    ],
)
def test_public_lists_do_not_grow_with_rows(client, commune, django_assert_max_num_queries, url_name):
    args = [commune.slug] if url_name in ("information:scheme", "information:feed") else []
    _many(1, commune)
    client.get(reverse(url_name, args=args))  # warm caches that are meant to be warm
    _many(30, commune)
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(8):
        response = client.get(reverse(url_name, args=args))
    assert response.status_code == 200
    assert escape(commune.name_fr) in response.content.decode()


def test_staff_inbox_and_request_page_do_not_grow_with_rows(client, commune, django_assert_max_num_queries):
    info = officer(commune)
    _many(30, commune)
    request = InformationRequestFactory(institution=commune)
    client.force_login(info)
    client.get(reverse("information:staff_inbox", args=[commune.slug]))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("information:staff_inbox", args=[commune.slug]))
    assert response.status_code == 200
    assert request.reference in response.content.decode()
    with django_assert_max_num_queries(14):
        response = client.get(reverse("information:staff_request", args=[commune.slug, request.public_id]))
    assert response.status_code == 200
    assert request.reference in response.content.decode()


def test_continue_without_matching_publication_says_so_and_files_nothing(client, citizen, commune):
    client.force_login(citizen)
    response = client.post(reverse("information:new"), _form(commune, step="check", subject="Zzyzx"))
    assert response.status_code == 200 and 'value="send"' in response.content.decode()
    assert InformationRequest.objects.count() == 0


def test_scheme_and_library_name_the_categories(client, commune):
    PublicationFactory(institution=commune)
    for url in (reverse("information:scheme", args=[commune.slug]), reverse("information:library")):
        assert "Budget et finances" in client.get(url).content.decode()


def test_request_pages_do_not_grow_with_the_timeline(client, citizen, commune):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    info = officer(commune)
    request, _ = services.request_submit(
        actor=citizen, institution=commune, subject="Budget", body="The budget.", delivery_format="electronic"
    )
    pages = [
        (None, reverse("information:public", args=[request.public_id])),
        (citizen, reverse("information:mine", args=[request.public_id])),
        (citizen, reverse("information:confirmation", args=[request.public_id])),
        (info, reverse("information:staff_request", args=[commune.slug, request.public_id])),
    ]

    def counts():
        found = []
        for person, url in pages:
            client.logout()
            if person:
                client.force_login(person)
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            found.append(len(ctx.captured_queries))
        return found

    before = counts()
    for n in range(15):
        services.request_redact(actor=info, request=request, passages=f"word{n}")
    assert counts() == before
    assert max(before) <= 8


def test_a_publication_needs_its_title_in_the_language_of_the_document(client, commune):
    client.force_login(officer(commune))
    response = client.post(
        reverse("information:staff_publication_new", args=[commune.slug]),
        {
            "title_en": "Budget 2027",
            "category": category("budget").pk,
            "language": "ar",
            "published_on": "2026-12-01",
            "attachments": [pdf_upload("budget.pdf")],
        },
    )
    assert response.status_code == 200
    assert 'id="id_title_ar_error"' in response.content.decode()
    assert 'value="Budget 2027"' in response.content.decode()  # nothing typed is lost
    assert not Publication.objects.exists()


@pytest.mark.parametrize(("lang", "shown", "marked"), [("ar", "ميزانية 2027", False), ("en", "Budget 2027", True)])
def test_a_publication_reads_in_the_readers_language_or_says_which_it_is_in(client, commune, lang, shown, marked):
    publication = PublicationFactory(institution=commune, title="Budget 2027", title_ar="ميزانية 2027")
    html = client.get(f"/{lang}/information/publications/{publication.public_id}/").content.decode()
    assert shown in html
    assert ('<span lang="fr" dir="ltr">Budget 2027</span>' in html) is marked
