"""Throughput of the anonymous public pages as a ratio to a bare Django page, measured in the same run.

The bare page is a Django view behind the same middleware that renders 20 rows of a table through a small template:
what any Django page costs on this machine. Each public page's requests per second, in-process through Django's test
client, is divided by the bare page's (measured before and after each page, and averaged, so that the machine's
load at that moment counts for both). Issue 11 asks each anonymous public page to reach at least 0.5.

`make bench` calls it on its large data set; `python scripts/bench_ratio.py` runs it alone on the demo data.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BARE_PATH = "/bench/bare/"
TARGET = 0.5

BARE_TEMPLATE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Bare</title></head><body><main>
<h1>{{ title }}</h1><table>{% for row in rows %}<tr><td>{{ row.code }}</td><td>{{ row.name_fr }}</td>
<td>{{ row.population_2024 }}</td></tr>{% endfor %}</table></main></body></html>"""


def bare_view(request: Any) -> Any:
    from django.http import HttpResponse
    from django.template import Context, Engine

    from territories.models import Territory

    template = Engine.get_default().from_string(BARE_TEMPLATE)
    rows = list(Territory.objects.order_by("code")[:20])
    return HttpResponse(template.render(Context({"title": "Twenty rows", "rows": rows})))


def install_bare_page() -> None:
    """Add the bare page to the URLconf for this process only."""
    from django.urls import clear_url_caches, path

    import citizen_office.urls as urls

    if not any(getattr(p, "name", "") == "bench-bare" for p in urls.urlpatterns):
        urls.urlpatterns.append(path(BARE_PATH.strip("/") + "/", bare_view, name="bench-bare"))
        clear_url_caches()


def throughput(client: Any, url: str, seconds: float = 1.0) -> float:
    client.get(url)  # warm
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        count += 1
    return count / elapsed


def anonymous_public_pages() -> list[str]:
    """Every anonymous public page, as a visitor opens them (demo slugs; the large data set adds rows behind them)."""
    from applications.models import Application
    from information.models import InformationRequest, Publication

    request = InformationRequest.objects.filter(is_public=True).order_by("-pk").first()
    publication = Publication.objects.filter(state="published").order_by("-pk").first()
    decided = Application.objects.exclude(verification_code="").order_by("pk").first()
    pages = [
        "/fr/",
        "/ar/",
        "/zgh/",
        "/fr/search/?q=certificat",
        "/fr/institutions/",
        "/fr/institutions/?q=rabat",
        "/ar/institutions/commune-rabat/",
        "/fr/offices/bureau-citoyen-rabat-hotel-de-ville/",
        "/fr/procedures/",
        "/fr/procedures/commune-rabat/permis-de-construire/",
        "/fr/procedures/figures/",
        "/fr/information/",
        "/fr/information/requests/",
        "/fr/information/publications/",
        "/fr/information/institutions/commune-rabat/scheme/",
        "/fr/information/statistics/",
        "/fr/accounts/login/",
        "/fr/accounts/signup/",
    ]
    if request is not None:
        pages.append(f"/fr/information/requests/{request.public_id}/")
    if publication is not None:
        pages.append(f"/fr/information/publications/{publication.public_id}/")
    if decided is not None and decided.verification_code:
        pages.append(f"/fr/verify/{decided.verification_code}/")
    return pages


def time_ratios(seconds: float = 1.0) -> list[tuple[str, float, float]]:
    from django.test import Client

    install_bare_page()
    client = Client()
    rows = []
    print(f"\n{'anonymous public page':58} {'req/s':>7} {'bare':>7} {'ratio':>6}")
    for url in anonymous_public_pages():
        before = throughput(client, BARE_PATH, seconds / 2)
        page = throughput(client, url, seconds)
        after = throughput(client, BARE_PATH, seconds / 2)
        bare = (before + after) / 2
        ratio = page / bare
        rows.append((url, page, ratio))
        flag = "" if ratio >= TARGET else "  < target"
        print(f"{url:58} {page:7.0f} {bare:7.0f} {ratio:6.2f}{flag}")
    worst = min(rows, key=lambda r: r[2])
    print(f"lowest ratio: {worst[2]:.2f} ({worst[0]}); target {TARGET}")
    return rows


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="co-ratio-"))
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
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    call_command("import_territories", verbosity=0)
    call_command("seed_demo", verbosity=0)
    time_ratios(float(os.environ.get("BENCH_SECONDS", "1")))


if __name__ == "__main__":
    main()
