"""Benchmark: page timings and query counts on a large data set (run with `make bench`).

Builds a throw-away SQLite database with the whole map, 2,000 institutions, 4,000 offices,
20,000 people and 100,000 audit events, then times each page with Django's test client
(in-process, no network) and counts its queries. Prints a table; numbers go to docs/operations.md.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

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
    from datetime import time as t

    from django.utils import timezone

    from accounts.models import Membership, Role, User
    from audit.models import AuditEvent, ChainHead
    from institutions.models import Institution, InstitutionKind, Office, OpeningHours
    from territories.models import Level, Territory

    call_command("migrate", verbosity=0)
    call_command("import_territories", verbosity=0)
    call_command("seed_demo", verbosity=0)
    communes = list(Territory.objects.filter(level=Level.COMMUNE))
    with transaction.atomic():
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
                    address="Avenue",
                    commune=communes[i % len(communes)],
                )
                for i in range(4000)
            ]
        )
        OpeningHours.objects.bulk_create(
            [OpeningHours(office=o, weekday=d, opens=t(8, 30), closes=t(16, 30)) for o in offices for d in range(5)]
        )
        users = User.objects.bulk_create(
            [User(email=f"bench{i}@example.org", full_name=f"Bench {i}", password="!") for i in range(20000)]
        )
        rabat = Institution.objects.get(slug="commune-rabat")
        Membership.objects.bulk_create(
            [Membership(user=u, institution=rabat, role=Role.CASE_OFFICER) for u in users[:200]]
        )
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
    from accounts.models import User

    anonymous = Client()
    citizen = Client()
    citizen.force_login(User.objects.get(email="citizen1@demo.citizen-office.ma"))
    admin = Client()
    admin.force_login(User.objects.get(email="admin.rabat@demo.citizen-office.ma"))
    pages = [
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
    ]
    print(f"{'page':52} {'median ms':>10} {'max ms':>8} {'queries':>8} {'status':>6}")
    for client, url in pages:
        median, worst, queries, status = measure(client, url)
        print(f"{url:52} {median:10.1f} {worst:8.1f} {queries:8d} {status:6d}")
    t1 = time.perf_counter()
    from audit.services import audit_verify_chain

    report = audit_verify_chain()
    print(f"verify_audit_chain: {report.checked} events in {time.perf_counter() - t1:.1f} s, ok={report.ok}")


if __name__ == "__main__":
    main()
