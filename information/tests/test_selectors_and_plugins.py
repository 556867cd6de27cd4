"""Scoping of every selector, and what the module gives My Office, the work queue and My data."""

from __future__ import annotations

import pytest

from accounts.tests.factories import UserFactory
from core.registry import data_erasers, data_exporters, my_office_items, work_queue_items
from information import selectors, services
from information.tests.factories import InformationRequestFactory, PublicationFactory, officer
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_requester_selectors_return_only_their_own():
    mine = InformationRequestFactory()
    other = InformationRequestFactory()
    assert list(selectors.request_list_for_requester(user=mine.requester)) == [mine]
    assert selectors.request_get_for_requester(user=mine.requester, public_id=other.public_id) is None


def test_institution_selectors_return_only_that_institutions_work():
    here = InformationRequestFactory()
    elsewhere = InformationRequestFactory()
    assert list(selectors.request_list_for_institution(institution=here.institution)) == [here]
    assert selectors.request_get_for_institution(institution=here.institution, public_id=elsewhere.public_id) is None
    pub_here = PublicationFactory(institution=here.institution)
    pub_elsewhere = PublicationFactory()
    assert list(selectors.publication_list_for_institution(institution=here.institution)) == [pub_here]
    assert (
        selectors.publication_get_for_institution(institution=here.institution, public_id=pub_elsewhere.public_id)
        is None
    )


def test_public_selectors_hide_private_requests_and_withdrawn_publications():
    public = InformationRequestFactory()
    private = InformationRequestFactory(private=True)
    assert list(selectors.request_list_public()) == [public]
    assert selectors.request_get_public(public_id=private.public_id) is None
    shown = PublicationFactory()
    PublicationFactory(withdrawn=True)
    PublicationFactory(institution=InstitutionFactory(off_platform=True))
    assert list(selectors.publication_list_public()) == [shown]


def test_search_finds_words_in_any_order():
    PublicationFactory(title="Budget communal 2026", summary="Exécution du budget", tags="finances")
    PublicationFactory(title="Plan d'aménagement", summary="Zonage", tags="urbanisme")
    assert [p.title for p in selectors.publication_list_public(query="2026 budget")] == ["Budget communal 2026"]
    assert [p.title for p in selectors.publication_list_public(query="finances")] == ["Budget communal 2026"]


def test_statistics_count_silence_against_the_institution():
    institution = InstitutionFactory()
    InformationRequestFactory(institution=institution, answered=True)
    InformationRequestFactory(institution=institution, overdue=True)
    InformationRequestFactory(institution=institution, answered=True, answered_on_time=False, answered_working_days=30)
    stats = selectors.institution_stats(institution=institution)
    assert (stats.received, stats.answered, stats.on_time, stats.open_overdue) == (3, 2, 1, 1)
    assert stats.on_time_share == 33
    assert stats.median_days == 17.5
    assert [row.institution for row in selectors.stats_table()] == [institution]


def test_my_office_work_queue_and_my_data():
    citizen = UserFactory(verified=True, full_name="Amina Alaoui")
    institution = InstitutionFactory()
    info = officer(institution)
    request, _ = services.request_submit(
        actor=citizen,
        institution=institution,
        subject="Budget",
        body="The budget.",
        delivery_format="paper",
        postal_address="7 rue Oqba",
    )
    office = [item for _k, provider in my_office_items.items() for item in provider(citizen)]
    assert [i.reference for i in office] == [request.reference]
    queue = [item for _k, provider in work_queue_items.items() for item in provider(info, institution)]
    assert [i.reference for i in queue] == [request.reference]
    assert [item for _k, p in work_queue_items.items() for item in p(UserFactory(), institution)] == []
    export = dict(data_exporters.items())["information"](citizen)
    assert export["requests"][0]["reference"] == request.reference
    assert export["requests"][0]["timeline"][0]["step"] == "submitted"
    reader = UserFactory(verified=True)
    services.request_follow(actor=reader, request=request, wants=True)
    followed = [item for _k, provider in my_office_items.items() for item in provider(reader)]
    assert [i.reference for i in followed] == [request.reference]
    services.request_answer(actor=info, request=request, outcome="refused", text="No.", refusal_ground="privacy")
    services.complaint_file(actor=citizen, request=request, body="Why?")
    from accounts.models import Role
    from accounts.tests.factories import staff

    head = staff(Role.DECISION_MAKER, institution=institution)
    queue = [item for _k, provider in work_queue_items.items() for item in provider(head, institution)]
    assert [i.reference for i in queue] == [request.reference]
    dict(data_erasers.items())["information"](citizen)
    dict(data_erasers.items())["information"](reader)
    request.refresh_from_db()
    assert request.postal_address == "" and request.followers_count == 0 and request.wants_count == 0
