"""Benchmark: page timings and query counts on a large data set (run with `make bench`).

Builds a throw-away SQLite database with the whole map, 2,000 institutions, 4,000 offices,
20,000 people, 100,000 audit events, 200,000 information requests and 20,000 publications,
then times each page with Django's test client
(in-process, no network) and counts its queries, and gives each anonymous public page's throughput as a ratio to a
bare Django page served in the same run (scripts/bench_ratio.py), then the desk's "take a ticket" and "call next" with
500 people waiting (scripts/bench_desk.py). Prints tables; numbers go to docs/operations.md.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
work = Path(tempfile.mkdtemp(prefix="co-bench-"))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "citizen_office.settings",
        "CITIZEN_OFFICE_ENV": "test",
        "DEBUG": "false",
        "SQLITE_PATH": str(work / "bench.sqlite3"),
        "HUEY_SQLITE_PATH": str(work / "huey.sqlite3"),
        "HUEY_IMMEDIATE": "true",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
)

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
settings.ALLOWED_HOSTS = ["testserver"]


def build() -> None:
    """The demo data, then the bulk rows every page is measured against."""
    from institutions.models import Institution
    from territories.models import Level, Territory

    call_command("migrate", verbosity=0)
    call_command("import_territories", verbosity=0)
    call_command("seed_demo", verbosity=0)
    communes = list(Territory.objects.filter(level=Level.COMMUNE))
    with transaction.atomic():
        institutions = build_institutions(communes)
        users = build_people()
        build_audit_trail(Institution.objects.get(slug="commune-rabat"))
    build_information(institutions, users)
    build_applications(users)


def build_institutions(communes: list) -> list:  # type: ignore[type-arg]
    """2,000 communes on the platform with 4,000 offices open on weekdays."""
    from datetime import time as t

    from institutions.models import Institution, InstitutionKind, Office, OpeningHours

    institutions = Institution.objects.bulk_create(
        [
            Institution(
                kind=InstitutionKind.COMMUNE,
                territory=communes[i % len(communes)],
                slug=f"bench-{i}",
                short_code=f"B{i}",
                name_fr=f"Commune banc {i}",
                name_ar=f"جماعة {i}",
                on_platform=True,
            )
            for i in range(2000)
        ]
    )
    offices = Office.objects.bulk_create(
        [
            Office(
                institution=institutions[i % 2000],
                slug=f"bench-office-{i}",
                name_fr=f"Bureau {i}",
                address_fr="Avenue",
                commune=communes[i % len(communes)],
            )
            for i in range(4000)
        ]
    )
    OpeningHours.objects.bulk_create(
        [OpeningHours(office=o, weekday=d, opens=t(8, 30), closes=t(16, 30)) for o in offices for d in range(5)]
    )
    return institutions


def build_people() -> list:  # type: ignore[type-arg]
    """20,000 people, 200 of them case officers at the Commune of Rabat."""
    from accounts.models import Membership, Role, User
    from institutions.models import Institution

    users = User.objects.bulk_create(
        [User(email=f"bench{i}@example.org", full_name=f"Bench {i}", password="!") for i in range(20000)]
    )
    rabat = Institution.objects.get(slug="commune-rabat")
    Membership.objects.bulk_create([Membership(user=u, institution=rabat, role=Role.CASE_OFFICER) for u in users[:200]])
    return users


def build_audit_trail(rabat: Any) -> None:
    """100,000 audit events at the Commune of Rabat, chained like real ones."""
    from django.utils import timezone

    from audit.models import AuditEvent, ChainHead

    head = ChainHead.objects.get(id=1)
    prev = head.last_hash
    events = []
    now = timezone.now()
    for i in range(100_000):
        e = AuditEvent(
            created_at=now,
            actor_label=f"bench{i % 200}@example.org",
            institution=rabat,
            action="bench.action",
            object_type="bench",
            object_id=str(i),
            object_repr=f"objet {i}",
            prev_hash=prev,
        )
        e.hash = e.compute_hash()
        prev = e.hash
        events.append(e)
    AuditEvent.objects.bulk_create(events, batch_size=5000)
    ChainHead.objects.filter(id=1).update(last_hash=prev, count=head.count + len(events))


def build_applications(users: list) -> None:  # type: ignore[type-arg]
    """200,000 submitted applications to the Commune of Rabat's online procedures, three in five decided."""
    from datetime import timedelta

    from applications.models import Application, ApplicationState, Outcome
    from core import clock
    from procedures.models import Procedure

    procedures = [p for p in Procedure.objects.filter(institution__slug="commune-rabat") if p.form_versions.exists()]
    forms = {p.pk: p.form_versions.filter(published_at__isnull=False).first() for p in procedures}
    today = clock.today()
    states = [
        ApplicationState.SUBMITTED,
        ApplicationState.IN_REVIEW,
        ApplicationState.ACCEPTED,
        ApplicationState.REFUSED,
        ApplicationState.ACCEPTED,
    ]
    with transaction.atomic():
        batch = []
        for i in range(200_000):
            procedure = procedures[i % len(procedures)]
            received = today - timedelta(days=i % 500)
            state = states[i % 5]
            decided = state in (ApplicationState.ACCEPTED, ApplicationState.REFUSED)
            batch.append(
                Application(
                    public_id=f"benchapp{i:010d}",
                    reference=f"DEM-BENCH-{i:07d}",
                    secret="BNCH-BNCH-BNCH",
                    procedure=procedure,
                    form=forms[procedure.pk],
                    institution_id=procedure.institution_id or 0,
                    department_id=procedure.department_id,
                    applicant=users[i % 20000],
                    state=state,
                    answers={"nom": "Bench", "adresse": "Rabat"},
                    received_on=received,
                    due_on=received + timedelta(days=30),
                    outcome=(Outcome.ACCEPTED if state == ApplicationState.ACCEPTED else Outcome.REFUSED)
                    if decided
                    else "",
                    decided_on=received + timedelta(days=i % 40) if decided else None,
                    decision_days=(i % 40) if decided else None,
                    decided_on_time=(i % 40) <= 30 if decided else None,
                    verification_code=f"B{i:07d}-BNCH" if decided else None,
                )
            )
            if len(batch) == 5000:
                Application.objects.bulk_create(batch)
                batch = []


def build_information(institutions: list, users: list) -> None:  # type: ignore[type-arg]
    """200,000 requests (a tenth of them at the Commune of Rabat), then the publications."""
    from datetime import timedelta

    from core import clock
    from information.models import InformationRequest, Outcome, RequestState
    from institutions.models import Institution

    rabat = Institution.objects.get(slug="commune-rabat")
    today = clock.today()
    states = [RequestState.SUBMITTED, RequestState.IN_PROGRESS, RequestState.ANSWERED, RequestState.CLOSED]
    grounds = ["privacy", "economy", "defence", ""]
    with transaction.atomic():
        batch = []
        for i in range(200_000):
            received = today - timedelta(days=i % 400)
            state = states[i % 4]
            answered = state in (RequestState.ANSWERED, RequestState.CLOSED)
            batch.append(
                InformationRequest(
                    reference=f"INF-BENCH-{i:07d}",
                    public_id=f"bench{i:010d}",
                    institution=rabat if i % 10 == 0 else institutions[i % 2000],
                    requester=users[i % 20000],
                    subject=f"Demande {i} budget voirie eclairage",
                    body="Je souhaite obtenir les documents relatifs au budget.",
                    public_subject=f"Demande {i} budget voirie eclairage",
                    public_body="Je souhaite obtenir les documents relatifs au budget.",
                    delivery_format="electronic",
                    is_public=i % 7 != 0,
                    state=state,
                    received_on=received,
                    clock_started_on=received,
                    due_on=received + timedelta(days=28),
                    long_due_on=received + timedelta(days=56),
                    outcome=(Outcome.PARTIAL if i % 3 == 0 else Outcome.FULL) if answered else "",
                    refusal_ground=grounds[i % 4] if answered and i % 3 == 0 else "",
                    answered_on=received + timedelta(days=10) if answered else None,
                    answered_working_days=(i % 25) if answered else None,
                    answered_on_time=(i % 25) <= 20 if answered else None,
                )
            )
            if len(batch) == 5000:
                InformationRequest.objects.bulk_create(batch)
                batch = []
    build_publications(institutions, rabat)


def build_publications(institutions: list, rabat: Any) -> None:  # type: ignore[type-arg]
    """20,000 publications (a tenth at the Commune of Rabat), each with its file."""
    from datetime import timedelta

    from core import clock
    from information.models import Category, Publication, PublicationFile

    today = clock.today()
    with transaction.atomic():
        categories = list(Category.objects.all())
        publications = Publication.objects.bulk_create(
            [
                Publication(
                    public_id=f"benchpub{i:08d}",
                    institution=rabat if i % 10 == 0 else institutions[i % 2000],
                    category=categories[i % len(categories)],
                    title_fr=f"Document {i} budget rapport",
                    summary_fr="Rapport et budget.",
                    language="fr",
                    published_on=today - timedelta(days=i % 1500),
                    tags="budget, rapport",
                )
                for i in range(20_000)
            ],
            batch_size=5000,
        )
        PublicationFile.objects.bulk_create(
            [
                PublicationFile(publication=p, file="information/publications/bench.pdf", size=1000)
                for p in publications
            ],
            batch_size=5000,
        )


def measure(client: Client, url: str, runs: int = 15) -> tuple[float, float, int, int]:
    client.get(url)  # warm caches
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return statistics.median(timings), max(timings), len(ctx.captured_queries), response.status_code


def main() -> None:
    t0 = time.perf_counter()
    build()
    print(f"data set built in {time.perf_counter() - t0:.1f} s ({work})")
    time_pages()
    from bench_ratio import time_ratios

    time_ratios(float(os.environ.get("BENCH_SECONDS", "1")))
    time_statistics()
    time_request_submit()
    time_figures()
    time_application_submit()
    time_audit_chain()
    from bench_desk import time_desk

    time_desk()


def signed_in(email: str) -> Client:
    """A finished sign-in: staff have an authenticator and this session passed it (no staff rights otherwise)."""
    from accounts.middleware import has_mfa
    from accounts.models import User
    from accounts.second_factor import PROVED

    client = Client()
    user = User.objects.get(email=email)
    client.force_login(user)
    if has_mfa(user):
        session = client.session
        session[PROVED] = True
        session.save()
    return client


def pages_to_measure() -> list[tuple[Client, str]]:
    """Every page worth timing, with the person who opens it."""
    from applications.models import Application
    from information.models import InformationRequest

    anonymous = Client()
    citizen = signed_in("citizen1@demo.citizen-office.ma")
    admin = signed_in("admin.rabat@demo.citizen-office.ma")
    officer = signed_in("info.rabat@demo.citizen-office.ma")
    case_officer = signed_in("officer.rabat@demo.citizen-office.ma")
    some_request = InformationRequest.objects.filter(is_public=True, institution__slug="commune-rabat").last()
    assert some_request is not None
    some_case = Application.objects.filter(reference__startswith="DEM-BENCH").last()
    assert some_case is not None
    decided_case = Application.objects.filter(verification_code__startswith="B").first()
    assert decided_case is not None
    heavy = Client()
    heavy.force_login(some_case.applicant)
    return [
        (anonymous, "/fr/"),
        (anonymous, "/fr/institutions/"),
        (anonymous, "/fr/institutions/?q=banc+19"),
        (anonymous, "/fr/institutions/?page=50"),
        (anonymous, "/ar/institutions/commune-rabat/"),
        (anonymous, "/fr/offices/bureau-citoyen-rabat-hotel-de-ville/"),
        (anonymous, "/fr/accounts/signup/"),
        (anonymous, "/api/v1/institutions?page=10"),
        (anonymous, "/healthz"),
        (citizen, "/fr/me/"),
        (citizen, "/fr/me/messages/"),
        (admin, "/fr/staff/commune-rabat/audit/"),
        (admin, "/fr/staff/commune-rabat/audit/?page=1500"),
        (admin, "/fr/staff/commune-rabat/people/"),
        (anonymous, "/fr/information/requests/"),
        (anonymous, "/fr/information/requests/?q=budget+voirie"),
        (anonymous, "/fr/information/requests/?institution=commune-rabat&state=answered"),
        (anonymous, "/fr/information/requests/?page=5000"),
        (anonymous, f"/fr/information/requests/{some_request.public_id}/"),
        (anonymous, "/fr/information/publications/"),
        (anonymous, "/fr/information/publications/?q=rapport&year=2025"),
        (anonymous, "/fr/information/institutions/commune-rabat/scheme/"),
        (anonymous, "/fr/information/institutions/commune-rabat/feed.atom"),
        (anonymous, "/fr/information/statistics/"),
        (anonymous, "/api/v1/information-requests?page=100"),
        (officer, "/fr/staff/commune-rabat/information/"),
        (officer, "/fr/staff/commune-rabat/information/?due=overdue"),
        (officer, "/fr/staff/commune-rabat/"),
        (case_officer, "/fr/staff/commune-rabat/cases/"),
        (case_officer, "/fr/staff/commune-rabat/cases/?due=overdue"),
        (case_officer, "/fr/staff/commune-rabat/cases/?q=permis&state="),
        (case_officer, f"/fr/staff/commune-rabat/cases/?q={some_case.reference}&state="),
        (case_officer, "/fr/staff/commune-rabat/cases/?page=200"),
        (case_officer, f"/fr/staff/commune-rabat/cases/{some_case.public_id}/"),
        (heavy, f"/fr/applications/{some_case.public_id}/"),
        (heavy, "/fr/me/"),
        (anonymous, "/fr/procedures/commune-rabat/permis-de-construire/"),
        (anonymous, "/fr/procedures/figures/"),
        (anonymous, "/api/v1/procedure-figures"),
        (anonymous, f"/fr/verify/{decided_case.verification_code}/"),
    ]


def time_pages() -> None:
    # What rendering a page costs (the first visitor of a public page, every signed-in person): whole kept pages
    # (core.pagecache) are measured by the ratios' table.
    kept_for = settings.PAGE_CACHE_SECONDS
    settings.PAGE_CACHE_SECONDS = 0
    print(f"{'page':52} {'median ms':>10} {'max ms':>8} {'queries':>8} {'status':>6}")
    wrong = []
    for client, url in pages_to_measure():
        median, worst, queries, status = measure(client, url)
        print(f"{url:52} {median:10.1f} {worst:8.1f} {queries:8d} {status:6d}")
        if status != 200:
            wrong.append(url)
    settings.PAGE_CACHE_SECONDS = kept_for
    # A redirect (to sign in, to the second factor) measures nothing: the bench is wrong, not fast.
    if wrong:
        raise SystemExit(f"these pages did not answer 200, their timings mean nothing: {', '.join(wrong)}")


def time_statistics() -> None:
    from django.core.cache import cache

    from information.selectors import stats_table

    cache.clear()
    t1 = time.perf_counter()
    rows = stats_table()
    print(f"statistics of {len(rows)} institutions, cold cache: {(time.perf_counter() - t1) * 1000:.0f} ms")


def time_request_submit() -> None:
    from accounts.models import User
    from information.services import request_submit
    from institutions.models import Institution

    filing_timings = []
    citizen_user = User.objects.get(email="citizen1@demo.citizen-office.ma")
    rabat = Institution.objects.get(slug="commune-rabat")
    for n in range(50):
        start = time.perf_counter()
        request_submit(
            actor=citizen_user, institution=rabat, subject=f"Bench {n}", body="Budget.", delivery_format="electronic"
        )
        filing_timings.append((time.perf_counter() - start) * 1000)
    print(
        f"request_submit (reference, deadline, audit, outbox): median {statistics.median(filing_timings):.1f} ms, "
        f"max {max(filing_timings):.1f} ms"
    )


def time_figures() -> None:
    from django.core.cache import cache

    from applications.selectors import figures_table

    cache.clear()
    t1 = time.perf_counter()
    table = figures_table()
    print(
        f"figures of {len(table)} procedures (200,000 applications), cold cache: "
        f"{(time.perf_counter() - t1) * 1000:.0f} ms"
    )


def time_application_submit() -> None:
    from accounts.models import User
    from applications.demo import _fill
    from applications.services import application_start, application_submit
    from procedures.models import Procedure

    building = Procedure.objects.get(institution__slug="commune-rabat", slug="copie-acte-de-naissance")
    sending = []
    User.objects.filter(email__in=[f"bench{n}@example.org" for n in range(30)]).update(assurance_level=1)
    for n in range(30):
        person = User.objects.get(email=f"bench{n}@example.org")
        application, _created = application_start(actor=person, procedure=building)
        _fill(application, person)
        start = time.perf_counter()
        application_submit(actor=application.applicant, application=application)
        sending.append((time.perf_counter() - start) * 1000)
    print(
        f"application_submit (checks, reference, deadline, audit, outbox): median {statistics.median(sending):.1f} ms, "
        f"max {max(sending):.1f} ms"
    )


def time_audit_chain() -> None:
    from audit.services import audit_verify_chain

    t1 = time.perf_counter()
    report = audit_verify_chain()
    print(f"verify_audit_chain: {report.checked} events in {time.perf_counter() - t1:.1f} s, ok={report.ok}")


if __name__ == "__main__":
    main()
