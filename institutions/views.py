"""Public pages: the directory of institutions, an institution, an office, the public holidays."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from core import clock
from core.pagecache import public_page
from core.registry import institution_links, institution_sections, office_links, office_sections
from core.views import query_without_page
from institutions.forms import DirectoryFilterForm
from institutions.selectors import (
    institution_directory,
    institution_get_public,
    national_holidays,
    office_get_public,
    office_list_public,
    office_status,
)

PAGE_SIZE = 20


@public_page("institutions", "territories")
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = institution_directory(
        kind=filters.get("kind") or "", region_id=filters.get("region"), query=filters.get("q") or ""
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    text = filters.get("q") or ""
    language = filters.get("language") or ""
    offices = list(office_list_public(query=text, language=language)[:20]) if text.strip() or language else []
    return render(
        request,
        "institutions/directory.html",
        {"form": form, "page": page, "query": query_without_page(request), "offices": offices},
    )


@public_page("institutions", "territories")
def institution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    institution = institution_get_public(slug=slug)
    if institution is None:
        raise Http404
    links = [link for _key, provider in institution_links.items() for link in provider(institution)]
    sections = [
        render_to_string(section.template, section.context, request=request)
        for _key, provider in institution_sections.items()
        for section in provider(institution)
    ]
    return render(
        request,
        "institutions/institution_detail.html",
        {"institution": institution, "links": links, "sections": sections},
    )


@public_page("institutions", "territories")
def office_detail(request: HttpRequest, slug: str) -> HttpResponse:
    office = office_get_public(slug=slug)
    if office is None:
        raise Http404
    links = [link for _key, provider in office_links.items() for link in provider(office)]
    status = office_status(office=office)
    sections = [
        render_to_string(section.template, section.context, request=request)
        for _key, provider in office_sections.items()
        for section in provider(office, status.week)
    ]
    return render(
        request,
        "institutions/office_detail.html",
        {"office": office, "status": status, "links": links, "sections": sections},
    )


@public_page("institutions")
def holidays(request: HttpRequest) -> HttpResponse:
    """This year's and next year's national holidays, estimated ones said so (deadlines skip them)."""
    year = clock.today().year
    rows = national_holidays(years=[year, year + 1])
    years = [(y, [h for h in rows if h.date.year == y]) for y in (year, year + 1)]
    return render(
        request,
        "institutions/holidays.html",
        {"years": years, "any_estimated": any(h.estimated for h in rows), "today": clock.today()},
    )
