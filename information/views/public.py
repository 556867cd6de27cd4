"""Public pages: the library of publications, the log of requests, statistics, the Atom feed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from audit.services import Context
from core import clock
from core.pagecache import public_page
from core.views import query_without_page
from information.forms import DataReportForm, LibraryFilterForm, LogFilterForm
from information.models import Publication
from information.presentation import status_of
from information.selectors import (
    follower_of,
    institution_stats,
    publication_get_public,
    publication_list_public,
    publication_scheme,
    request_get_public,
    request_get_public_summary,
    request_list_public,
    stats_table,
)
from information.services import data_report_file, request_follow, request_unfollow
from information.views.common import apply_errors, timeline_context
from institutions.selectors import institution_get_public


@public_page("information", "institutions")
def index(request: HttpRequest) -> HttpResponse:
    """Access to information in one page: the right, the ways to use it, the latest publications."""
    return render(request, "information/index.html", {"latest": publication_list_public()[:5]})


@public_page("information", "institutions")
def library(request: HttpRequest) -> HttpResponse:
    this_year = clock.today().year
    form = LibraryFilterForm(request.GET or None, years=list(range(this_year, this_year - 10, -1)))
    data = form.cleaned_data if form.is_valid() else {}
    qs = publication_list_public(
        institution=data.get("institution"),
        category=data.get("category"),
        year=data.get("year"),
        query=data.get("q", ""),
    )
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "information/library.html",
        {"form": form, "page": page, "query": query_without_page(request), "institution": data.get("institution")},
    )


@public_page("information", "institutions")
def publication_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    publication = publication_get_public(public_id=public_id)
    if publication is None:
        raise Http404
    return render(request, "information/publication.html", {"publication": publication})


@public_page("information", "institutions")
def scheme(request: HttpRequest, slug: str) -> HttpResponse:
    institution = institution_get_public(slug=slug)
    if institution is None:
        raise Http404
    return render(
        request,
        "information/scheme.html",
        {
            "institution": institution,
            "lines": publication_scheme(institution=institution),
            "stats": institution_stats(institution=institution),
        },
    )


class InstitutionFeed(Feed):
    """What an institution published, newest first (Atom)."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Any:  # type: ignore[override]
        institution = institution_get_public(slug=slug)
        if institution is None:
            raise Http404
        return institution

    def title(self, obj: Any) -> str:
        return _("Publications of %(name)s") % {"name": obj.name}

    def link(self, obj: Any) -> str:
        return reverse("information:library") + f"?institution={obj.slug}"

    def subtitle(self, obj: Any) -> str:
        return _("Documents published under article 10 of law 31-13.")

    def items(self, obj: Any) -> Any:
        return publication_list_public(institution=obj)[:50]

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return item.summary

    def item_link(self, item: Publication) -> str:
        return reverse("information:publication", args=[item.public_id])

    def item_pubdate(self, item: Publication) -> Any:
        return item.created_at

    def item_updateddate(self, item: Publication) -> Any:
        return item.updated_at

    def item_categories(self, item: Publication) -> list[str]:
        return [str(item.category), *item.tag_list]


@public_page("information", "institutions")
def request_log(request: HttpRequest) -> HttpResponse:
    form = LogFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = request_list_public(
        institution=data.get("institution"),
        state=data.get("state", ""),
        outcome=data.get("outcome", ""),
        query=data.get("q", ""),
    )
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    today = clock.today()
    rows = [(r, status_of(r, today=today)) for r in page.object_list]
    return render(
        request,
        "information/log.html",
        {"form": form, "page": page, "rows": rows, "query": query_without_page(request)},
    )


@public_page("information", "institutions")
def request_public(request: HttpRequest, public_id: str) -> HttpResponse:
    found = request_get_public(public_id=public_id)
    if found is None:
        raise Http404
    context = timeline_context(found, public=True)
    context["follower"] = follower_of(user=request.user, request=found)
    return render(request, "information/request_public.html", context)


@require_POST
@ratelimit(key="user_or_ip", rate="60/h", method="POST", block=True)
def follow(request: HttpRequest, public_id: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={reverse('information:public', args=[public_id])}")
    found = request_get_public(public_id=public_id)
    if found is None:
        raise Http404
    action = request.POST.get("action", "follow")
    if found.requester_id == request.user.pk:
        messages.info(request, _("This is your own request: you already receive its news."))
    elif action == "unfollow":
        request_unfollow(actor=request.user, request=found)
    else:
        request_follow(actor=request.user, request=found, wants=action == "want")
    return redirect("information:public", public_id=public_id)


@ratelimit(key="ip", rate="10/h", method="POST", block=True)
def report(request: HttpRequest, public_id: str) -> HttpResponse:
    """Anyone, signed in or not, reports personal data in a public request; the institution's officer is told."""
    found = request_get_public_summary(public_id=public_id)
    if found is None:
        raise Http404
    form = DataReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _report, created = data_report_file(
                actor=request.user,
                request=found,
                reason=data["reason"],
                text=data["text"],
                submission_key=data.get("submission_key"),
                context=Context.from_request(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if created:  # a second press files nothing and says nothing twice
                messages.success(
                    request, _("Thank you. The institution's information officer has been told and will check.")
                )
            return redirect("information:public", public_id=public_id)
    return render(request, "information/report.html", {"req": found, "form": form}, status=400 if form.errors else 200)


@public_page("information", "institutions")
def statistics(request: HttpRequest) -> HttpResponse:
    page = Paginator(stats_table(), 50).get_page(request.GET.get("page"))
    return render(request, "information/statistics.html", {"page": page, "rows": page.object_list})
