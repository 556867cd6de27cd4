"""Public shell: home, My Office, health check, web app manifest, error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from accounts.selectors import identity_check_latest
from accounts.types import AuthenticatedRequest
from core.pagecache import public_page
from institutions.models import InstitutionKind
from institutions.selectors import institution_directory, office_list_public
from portal.selectors import home_cards, my_office_page, site_search_results


@public_page("institutions", "procedures", "information")
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            "kinds": InstitutionKind.choices,
            "institution_count": institution_directory().count(),
            "offices": office_list_public()[:4],
            "cards": home_cards(),
        },
    )


@public_page("institutions", "procedures", "information")
def search(request: HttpRequest) -> HttpResponse:
    """The home page's one search box: procedures, publications and institutions, grouped by kind."""
    results = site_search_results(query=request.GET.get("q", ""))
    return render(request, "portal/search.html", {"results": results})


@login_required
def my_office(request: AuthenticatedRequest) -> HttpResponse:
    page = my_office_page(user=request.user, after=request.GET.get("after"))
    return render(
        request,
        "portal/my_office.html",
        {"page": page, "identity": identity_check_latest(user=request.user)},
    )


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and queue state for the load balancer: 200 when both answer, else 503."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 — report any failure, never raise
        checks["database"] = f"error: {type(exc).__name__}"
    try:
        from huey.contrib.djhuey import HUEY

        checks["queue"] = "ok"
        checks["queue_pending"] = str(HUEY.pending_count())
    except Exception as exc:  # noqa: BLE001
        checks["queue"] = f"error: {type(exc).__name__}"
    healthy = checks["database"] == "ok" and checks["queue"] == "ok"
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


@cache_control(max_age=86400, public=True)
def manifest(request: HttpRequest) -> JsonResponse:
    data = {
        "name": _("Citizen Office"),
        "short_name": _("Citizen Office"),
        "description": _("Information, administrative services and participation, in one place."),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5d3b",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    from django_ratelimit.exceptions import Ratelimited

    if isinstance(exception, Ratelimited):
        return render(request, "429.html", status=429)
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
