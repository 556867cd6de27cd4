"""Read-only JSON API of the public figures per procedure (the catalogue itself is in procedures.api)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Router, Schema, Status

from applications.selectors import ProcedureFigures, figures_table, procedure_figures
from citizen_office.api import Page
from procedures.selectors import catalogue, procedure_get_public

router = Router(tags=["administrative procedures"])


class FiguresOut(Schema):
    institution: str
    procedure: str
    title: str
    received: int
    decided: int
    median_days: float | None
    decided_within_maximum_percent: int | None
    open_overdue: int
    tacit_acceptances: int


class FiguresPage(Page):
    results: list[FiguresOut]


def _out(procedure: object, figures: ProcedureFigures) -> dict:
    return {
        "institution": procedure.institution.slug,  # type: ignore[attr-defined]
        "procedure": procedure.slug,  # type: ignore[attr-defined]
        "title": procedure.title,  # type: ignore[attr-defined]
        "received": figures.received,
        "decided": figures.decided,
        "median_days": figures.median_days,
        "decided_within_maximum_percent": figures.on_time_share,
        "open_overdue": figures.open_overdue,
        "tacit_acceptances": figures.tacit,
    }


@router.get(
    "/procedure-figures",
    response=FiguresPage,
    summary="Applications received, median days to decide, share within the legal maximum, tacit acceptances",
)
def list_figures(request: HttpRequest, institution: str = "", page: int = 1) -> dict:
    table = figures_table()
    qs = catalogue().filter(pk__in=list(table))
    if institution:
        qs = qs.filter(institution__slug=institution)
    current = Paginator(qs, 50).get_page(page)
    return {
        "count": current.paginator.count,
        "page": current.number,
        "pages": current.paginator.num_pages,
        "results": [_out(p, table[p.pk]) for p in current],
    }


@router.get(
    "/procedure-figures/{institution}/{slug}",
    response={200: FiguresOut, 404: dict},
    summary="The public figures of one procedure",
)
def get_figures(request: HttpRequest, institution: str, slug: str) -> Status[dict]:
    procedure = procedure_get_public(institution_slug=institution, slug=slug)
    if procedure is None:
        return Status(404, {"detail": "Not found"})
    return Status(200, _out(procedure, procedure_figures(procedure=procedure)))
