"""What the procedures module plugs into: institution and office pages, the back-office menu, the API, demo."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.i18n import Gap
from core.registry import (
    HomeLink,
    Link,
    MenuEntry,
    Mission,
    SearchBlock,
    SearchHit,
    backoffice_links,
    demo_seeders,
    home_links,
    institution_links,
    main_menu,
    office_links,
    site_search,
    translation_gaps,
)

if TYPE_CHECKING:
    from institutions.models import Institution


def _institution_links(institution: Institution) -> list[Link]:
    return [
        Link(
            _("Administrative procedures"),
            reverse("procedures:catalogue") + f"?institution={institution.slug}",
            _("What to bring, what it costs, how long it takes."),
        )
    ]


def _office_links(office: Any) -> list[Link]:
    from procedures.models import ProcedureState

    return [
        Link(p.title, reverse("procedures:detail", args=[p.institution.slug, p.slug]))
        for p in office.procedures.filter(state=ProcedureState.PUBLISHED).select_related("institution")[:30]
    ]


def _backoffice_links(institution: Institution, roles: frozenset[str]) -> list[Link]:
    if "institution_admin" not in roles:
        return []
    return [Link(_("Procedures"), reverse("procedures:staff", args=[institution.slug]))]


def _search(query: str, limit: int) -> SearchBlock:
    from procedures.selectors import catalogue

    found = catalogue(query=query)
    return SearchBlock(
        label=_("Procedures"),
        count=found.count(),
        hits=[
            SearchHit(p.title, reverse("procedures:detail", args=[p.institution.slug, p.slug]), p.institution.name)
            for p in found[:limit]
            if p.institution is not None
        ],
        more_url=reverse("procedures:catalogue") + "?" + urlencode({"q": query}),
    )


def _translation_gaps(institution: Institution) -> list[Gap]:
    from procedures.models import Procedure, ProcedureState
    from procedures.selectors import procedure_text_gaps

    found = []
    for procedure in (
        Procedure.objects.filter(institution=institution, state=ProcedureState.PUBLISHED)
        .prefetch_related("documents")
        .order_by("title_fr")
    ):
        url = reverse("procedures:staff_edit", args=[institution.slug, procedure.public_id])
        for gap in procedure_text_gaps(procedure=procedure):
            found.append(Gap(f"{procedure.title} — {gap.what}", gap.missing, url))
    return found


def _seed(stdout: Any) -> None:
    from procedures.demo import seed_procedures

    seed_procedures(stdout)


def register() -> None:
    institution_links.register("procedures", _institution_links)
    office_links.register("procedures", _office_links)
    backoffice_links.register("procedures", _backoffice_links)
    demo_seeders.register("procedures", _seed)
    main_menu.register("procedures", MenuEntry(gettext_lazy("Procedures"), "procedures:catalogue", order=20))
    site_search.register("procedures", _search)
    translation_gaps.register("procedures", _translation_gaps)
    home_links.register(
        "procedures",
        HomeLink(
            Mission.SERVICES,
            gettext_lazy("Find a procedure"),
            "procedures:catalogue",
            gettext_lazy("What to bring, what it costs, how long it takes, and whether you can apply online."),
            order=10,
        ),
    )
    from citizen_office.api import api
    from procedures.api import router

    api.add_router("/", router)
