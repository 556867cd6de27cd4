"""The JSON API: one NinjaAPI under /api/v1/; modules add their routers in ``routers``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Router, Schema, Status

from accounts.api_keys import ApiKeyAuth, KeyThrottle, without_key
from core.i18n import written_in
from core.throttle import AccountThrottle, AddressThrottle


class PublicAPI(NinjaAPI):
    """The key is optional: the OpenAPI document says so (``{}``, no security, is one of the choices)."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if isinstance(operation, dict) and operation.get("security") and {} not in operation["security"]:
                    operation["security"].append({})
        return schema


api = PublicAPI(
    title="Citizen Office API",
    version="1",
    description=(
        "Public, read-mostly API of Citizen Office. Modules add their endpoints here. Open to everyone; a partner "
        "calling often sends its key in the X-Api-Key header and is counted by its key instead of its address."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
    # An unknown or revoked key is refused with 401; no key is let in (accounts.api_keys).
    auth=[ApiKeyAuth(), without_key],
    # Shared counts (Redis or the database cache), answered with 429 and Retry-After (settings.API_RATE_*).
    # The auth marks a keyed request (request.api_key): KeyThrottle counts it by key, AddressThrottle leaves it alone.
    throttle=[KeyThrottle(), AddressThrottle(), AccountThrottle()],
)


class InstitutionOut(Schema):
    slug: str
    short_code: str
    kind: str
    name: str
    names: dict[str, str] = Field(description="The name in each language it is written in (language code → name)")
    website: str
    url: str


class OfficeOut(Schema):
    slug: str
    name: str
    institution: str
    address: str
    latitude: float | None
    longitude: float | None
    open_now: bool


class Page(Schema):
    count: int
    page: int
    pages: int


class InstitutionPage(Page):
    results: list[InstitutionOut]


institutions_router = Router(tags=["institutions"])


@institutions_router.get("/institutions", response=InstitutionPage, summary="Institutions on the platform")
def list_institutions(request: HttpRequest, kind: str = "", q: str = "", page: int = 1) -> dict:
    from django.core.paginator import Paginator
    from django.urls import reverse

    from institutions.selectors import institution_directory

    paginator = Paginator(institution_directory(kind=kind, query=q), 50)
    current = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": current.number,
        "pages": paginator.num_pages,
        "results": [
            {
                "slug": i.slug,
                "short_code": i.short_code,
                "kind": i.kind,
                "name": str(i.name),
                "names": written_in(i, "name"),
                "website": i.website,
                "url": request.build_absolute_uri(reverse("institutions:detail", args=[i.slug])),
            }
            for i in current
        ],
    }


@institutions_router.get("/offices/{slug}", response={200: OfficeOut, 404: dict}, summary="A Citizen Office")
def get_office(request: HttpRequest, slug: str) -> Status[dict]:
    from institutions.selectors import office_get_public, office_status

    office = office_get_public(slug=slug)
    if office is None:
        return Status(404, {"detail": "Not found"})
    return Status(
        200,
        {
            "slug": office.slug,
            "name": office.name,
            "institution": office.institution.slug,
            "address": str(office.address),
            "latitude": float(office.latitude) if office.latitude is not None else None,
            "longitude": float(office.longitude) if office.longitude is not None else None,
            "open_now": office_status(office=office).open_now,
        },
    )


api.add_router("/", institutions_router)


class CommuneOut(Schema):
    id: int
    code: str
    name: str
    names: dict[str, str] = Field(description="The name in each language it is written in (language code → name)")
    province: str
    population_2024: int | None


territories_router = Router(tags=["territories"])


@territories_router.get("/communes", response=list[CommuneOut], summary="Search communes by name (Arabic or French)")
def search_communes(request: HttpRequest, q: str = "") -> list[dict]:
    from territories.selectors import territory_communes

    return [
        {
            "id": c.pk,
            "code": c.code,
            "name": str(c.name),
            "names": written_in(c, "name"),
            "province": c.parent.name if c.parent else "",
            "population_2024": c.population_2024,
        }
        for c in territory_communes(query=q, limit=20)
    ]


api.add_router("/", territories_router)
