"""Issue 12 §6: a served visitor rates the visit once, from the ticket's page or at the kiosk with the ticket's number;
the office's staff read the ratings on the figures page; the person finds theirs in My data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from audit.models import AuditEvent
from frontdesk.figures import period_named, rating_comments, rating_figures, ticket_to_rate_at_kiosk
from frontdesk.models import Outcome, RatingChannel, Ticket, VisitRating
from frontdesk.rating_services import visit_rate
from frontdesk.services import counter_open, ticket_call_next, ticket_finish, ticket_start, ticket_take
from frontdesk.tests.factories import DeskServiceFactory
from frontdesk.tests.test_appointments import MONDAY, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def monday(freezer):
    freezer.at = at(MONDAY, 9)
    return freezer


def served(service, agent, counter, *, person=None) -> Ticket:
    """A ticket taken, called, served and finished now."""
    ticket = ticket_take(actor=person, service=service, person=person)
    counter_open(actor=agent, counter=counter)
    called = ticket_call_next(actor=agent, counter=counter)
    assert called == ticket
    ticket_start(actor=agent, ticket=called)
    return ticket_finish(actor=agent, ticket=called, outcome=Outcome.INFORMATION_GIVEN)


@pytest.fixture
def done(monday, service, agent, counters):
    return served(service, agent, counters[0])


# --- The service --------------------------------------------------------------------------------


def test_a_served_visit_is_rated_once_and_the_trail_keeps_the_score_not_the_comment(done):
    rating = visit_rate(actor=None, ticket=done, score=4, comment="  Accueil rapide.  ", channel=RatingChannel.LINK)
    assert (rating.score, rating.comment, rating.channel) == (4, "Accueil rapide.", "link")
    event = AuditEvent.objects.get(action="frontdesk.ticket.rate")
    assert event.changes == {"score": 4, "channel": "link", "commented": True}
    assert "Accueil" not in str(event.changes) and event.institution == done.office.institution
    with pytest.raises(ValidationError):
        visit_rate(actor=None, ticket=done, score=1, channel=RatingChannel.KIOSK)
    assert VisitRating.objects.get().score == 4


def test_the_database_holds_one_rating_per_ticket_and_scores_from_1_to_5(done):
    VisitRating.objects.create(ticket=done, score=5, created_at=done.finished_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        VisitRating.objects.create(ticket=done, score=3, created_at=done.finished_at)
    other = Ticket.objects.create(
        office=done.office, service=done.service, day=done.day, sequence=99, number="A-099",
        created_at=done.created_at, queued_at=done.created_at,
    )  # fmt: skip
    for score in (0, 6):
        with pytest.raises(IntegrityError), transaction.atomic():
            VisitRating.objects.create(ticket=other, score=score, created_at=done.finished_at)


def test_a_visit_not_served_cannot_be_rated(monday, service):
    waiting = ticket_take(actor=None, service=service)
    with pytest.raises(ValidationError):
        visit_rate(actor=None, ticket=waiting, score=5)
    assert not VisitRating.objects.exists()


def test_a_visit_is_rated_within_seven_days(done, monday):
    monday.tick(timedelta(days=7, minutes=1))
    with pytest.raises(ValidationError):
        visit_rate(actor=None, ticket=done, score=5)


def test_scores_out_of_range_and_long_comments_are_refused(done):
    for score in (0, 6):
        with pytest.raises(ValidationError) as caught:
            visit_rate(actor=None, ticket=done, score=score)
        assert "score" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        visit_rate(actor=None, ticket=done, score=3, comment="x" * 1001)
    assert "comment" in caught.value.message_dict


def test_bidirectional_controls_are_dropped_from_the_comment(done):
    rating = visit_rate(actor=None, ticket=done, score=2, comment="\u202eابطأ\u2066 queue\u2069 \u200fok")
    assert rating.comment == "ابطأ queue \u200fok"  # the direction marks stay, the controls go


# --- The kiosk's lookup -------------------------------------------------------------------------


def test_the_kiosk_finds_only_todays_served_tickets_at_this_office_not_yet_rated(monday, service, agent, counters):
    friday = served(service, agent, counters[0])
    monday.tick(timedelta(days=3))  # Monday → Thursday: the numbers start again
    today = served(service, agent, counters[0])
    assert friday.number == today.number == "A-001"
    assert ticket_to_rate_at_kiosk(office=service.office, number="a1") == today
    waiting = ticket_take(actor=None, service=service)
    assert ticket_to_rate_at_kiosk(office=service.office, number=waiting.number) is None
    elsewhere = DeskServiceFactory(prefix="A")
    assert ticket_to_rate_at_kiosk(office=elsewhere.office, number="A-001") is None
    visit_rate(actor=None, ticket=today, score=5, channel=RatingChannel.KIOSK)
    assert ticket_to_rate_at_kiosk(office=service.office, number="A-001") is None


# --- The pages ----------------------------------------------------------------------------------


def test_the_tickets_page_offers_the_rating_once_served_and_the_link_rates_it(client, monday, service, agent, counters):
    ticket = ticket_take(actor=None, service=service)
    rate_url = reverse("frontdesk:ticket_rate", args=[ticket.public_id])
    assert rate_url not in client.get(reverse("frontdesk:ticket", args=[ticket.public_id])).content.decode()
    assert client.post(rate_url, {"score": "5"}).status_code == 400  # not served yet
    counter_open(actor=agent, counter=counters[0])
    ticket_start(actor=agent, ticket=ticket_call_next(actor=agent, counter=counters[0]))
    ticket_finish(actor=agent, ticket=Ticket.objects.get(), outcome=Outcome.INFORMATION_GIVEN)
    page = client.get(reverse("frontdesk:ticket", args=[ticket.public_id])).content.decode()
    assert rate_url in page
    assert client.get(rate_url).status_code == 200
    answer = client.post(rate_url, {"score": "4", "comment": "Merci"})
    assert answer.status_code == 302 and answer["Location"] == reverse("frontdesk:ticket", args=[ticket.public_id])
    rating = VisitRating.objects.get()
    assert (rating.ticket, rating.score, rating.channel) == (ticket, 4, RatingChannel.LINK)
    assert client.post(rate_url, {"score": "1"}).status_code == 400  # once
    assert rate_url not in client.get(reverse("frontdesk:ticket", args=[ticket.public_id])).content.decode()


def test_at_the_kiosk_the_visitor_types_the_number(client, done):
    office = done.office
    kiosk = client.get(reverse("frontdesk:kiosk", args=[office.slug])).content.decode()
    url = reverse("frontdesk:kiosk_rate", args=[office.slug])
    assert url in kiosk
    assert client.get(url).status_code == 200
    unknown = client.post(url, {"number": "B-001", "score": "3"})
    assert unknown.status_code == 400 and unknown.context["form"].has_error("number")
    answer = client.post(url, {"number": "a 1", "score": "3", "comment": "Bien"})
    assert answer.status_code == 302 and answer["Location"].endswith("?thanks=1")
    assert client.get(answer["Location"]).status_code == 200
    rating = VisitRating.objects.get()
    assert (rating.ticket, rating.channel, rating.comment) == (done, RatingChannel.KIOSK, "Bien")
    again = client.post(url, {"number": "A-001", "score": "1"})
    assert again.status_code == 400 and VisitRating.objects.get().score == 3


def test_ratings_are_rate_limited_per_address(client, done):
    url = reverse("frontdesk:ticket_rate", args=[done.public_id])
    for _ in range(30):
        assert client.post(url, {"score": "9"}).status_code == 400
    assert client.post(url, {"score": "5"}).status_code == 429  # too many from this address
    assert not VisitRating.objects.exists()
    assert client.post(url, {"score": "5"}, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_the_offices_staff_read_the_ratings_and_comments_isolated(client, done, monday, service, agent, counters):
    visit_rate(actor=None, ticket=done, score=2, comment="\u202etrop long")
    visit_rate(actor=None, ticket=served(service, agent, counters[0]), score=5)
    figures = rating_figures(office=service.office, period=period_named("today"))
    assert (figures.count, figures.average) == (2, 3.5)
    assert figures.per_score == [(5, 1), (4, 0), (3, 0), (2, 1), (1, 0)]
    assert [r.comment for r in rating_comments(office=service.office, period=period_named("today"))] == ["trop long"]
    assert not rating_figures(office=DeskServiceFactory().office, period=period_named("today")).count
    admin = staff(Role.INSTITUTION_ADMIN, institution=service.office.institution)
    client.force_login(admin)
    page = client.get(
        reverse("frontdesk:office_figures", args=[service.office.institution.slug, service.office.slug]),
        {"period": "today"},
    ).content.decode()
    assert '<blockquote dir="auto">trop long</blockquote>' in page
    assert 'data-figure="rating-count">2<' in page and "\u202e" not in page


def test_comments_are_shown_twenty_a_page(client, monday, service, agent, counters):
    for n in range(21):
        visit_rate(actor=None, ticket=served(service, agent, counters[0]), score=3, comment=f"Commentaire {n}")
        monday.tick(timedelta(minutes=1))
    client.force_login(staff(Role.INSTITUTION_ADMIN, institution=service.office.institution))
    url = reverse("frontdesk:office_figures", args=[service.office.institution.slug, service.office.slug])
    first = client.get(url, {"period": "today"})
    assert len(first.context["page"].object_list) == 20 and "Commentaire 20" in first.content.decode()
    second = client.get(url, {"period": "today", "page": "2"})
    assert [r.comment for r in second.context["page"].object_list] == ["Commentaire 0"]


def test_the_persons_ratings_are_in_my_data(done, monday, service, agent, counters):
    from frontdesk.plugins import _export

    person = UserFactory(verified=True)
    mine = served(service, agent, counters[0], person=person)
    visit_rate(actor=person, ticket=mine, score=5, comment="Parfait")
    visit_rate(actor=None, ticket=done, score=1)  # someone else's visit
    (exported,) = _export(person)["ratings"]
    assert exported["ticket"] == mine.number and exported["score"] == 5 and exported["comment"] == "Parfait"


def test_rating_pages_do_not_grow_with_the_ratings(
    client, done, service, agent, counters, django_assert_max_num_queries
):
    def load():
        with django_assert_max_num_queries(8):
            client.get(reverse("frontdesk:ticket_rate", args=[done.public_id]))
        with django_assert_max_num_queries(8):
            client.get(reverse("frontdesk:kiosk_rate", args=[done.office.slug]))
        with django_assert_max_num_queries(8):
            client.get(reverse("frontdesk:ticket", args=[done.public_id]))

    load()
    for _ in range(20):
        visit_rate(actor=None, ticket=served(service, agent, counters[0]), score=4, comment="Bien")
    load()
