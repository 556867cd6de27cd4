"""Benchmark: how long sign-up takes and how big its page is (run with `make bench-signup`, not by `make test`).

Builds a throw-away SQLite database with the whole map (1,503 communes), then, with Django's test client
(in-process, no network), times the sign-up page and a valid sign-up POST to /fr/accounts/signup/, once
with the project's password hasher and once with Django's default (PBKDF2, 1,000,000 rounds) for comparison,
and prints where a sign-up's time goes.

Measured on the 2-core development machine (issue 10, part 4), median of 10 sign-ups:

    before: POST 350-450 ms idle (1.7-2.8 s while the test suite ran on both cores), of which PBKDF2 ~330 ms;
            sign-up page 68 KB (all 1,503 communes in one select), first request of a worker ~500 ms
    after:  POST ~80 ms idle (320 ms with PBKDF2 in the same run), of which Argon2id ~30 ms;
            sign-up page 6.5 KB (region, province, commune step by step).
    The table this script prints gives today's numbers.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
work = Path(tempfile.mkdtemp(prefix="co-bench-signup-"))
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
from django.contrib.auth.hashers import get_hasher
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings

settings.ALLOWED_HOSTS = ["testserver"]
RUNS = int(os.environ.get("BENCH_RUNS", "10"))
PASSWORD = "a long sentence nobody guesses"  # noqa: S105


def signup_data() -> dict[str, str]:
    from territories.models import Level, Territory

    commune = Territory.objects.filter(level=Level.COMMUNE).select_related("parent__parent").first()
    assert commune and commune.parent and commune.parent.parent
    return {
        "email": f"bench-{uuid.uuid4().hex[:10]}@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "full_name": "Amina Benali",
        "preferred_language": "fr",
        "region": str(commune.parent.parent.pk),
        "province": str(commune.parent.pk),
        "commune": str(commune.pk),
    }


def time_post() -> float:
    cache.clear()  # allauth allows 20 sign-ups a minute from one address: start each one afresh
    client = Client()
    started = time.perf_counter()
    response = client.post("/fr/accounts/signup/", signup_data())
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.content[:2000]
    return elapsed


def time_hash(hasher: str) -> float:
    started = time.perf_counter()
    get_hasher(hasher).encode(PASSWORD, get_hasher(hasher).salt())
    return time.perf_counter() - started


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("import_territories", verbosity=0)
    client = Client()
    started = time.perf_counter()
    page = client.get("/fr/accounts/signup/")
    first = time.perf_counter() - started
    started = time.perf_counter()
    page = client.get("/fr/accounts/signup/")
    warm = time.perf_counter() - started
    print(f"sign-up page: {len(page.content) / 1024:.1f} KB of HTML; first request {ms(first)}, then {ms(warm)}")
    time_post()  # warm-up: templates, validators' word list, URL resolvers
    rows = [("project hasher", settings.PASSWORD_HASHERS[0])]
    rows.append(("Django's default (before)", "django.contrib.auth.hashers.PBKDF2PasswordHasher"))
    print(f"{'hasher':<28}{'hash alone':>12}{'POST median':>14}{'POST max':>12}")
    for label, path in rows:
        with override_settings(PASSWORD_HASHERS=[path]):
            algorithm = str(get_hasher("default").algorithm)
            hashing = statistics.median(time_hash(algorithm) for _ in range(3))
            posts = [time_post() for _ in range(RUNS)]
        print(f"{label:<28}{ms(hashing):>12}{ms(statistics.median(posts)):>14}{ms(max(posts)):>12}")


if __name__ == "__main__":
    main()
