"""Reads for the catalogue: the public sees published procedures of institutions on the platform."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from core.i18n import Gap, per_language, text_gaps
from core.registry import procedures_online
from core.search import text_search
from institutions.models import Office
from procedures.models import Procedure, ProcedureState

if TYPE_CHECKING:
    from institutions.models import Institution

SEARCHED = per_language("title", "purpose")


def catalogue(
    *,
    query: str = "",
    category: Any = None,
    life_event: Any = None,
    institution: Institution | None = None,
    online: bool = False,
) -> QuerySet[Procedure]:
    qs = Procedure.objects.filter(
        state=ProcedureState.PUBLISHED, institution__isnull=False, institution__on_platform=True
    ).select_related("institution", "category")
    if category is not None:
        qs = qs.filter(category=category)
    if life_event is not None:
        qs = qs.filter(life_events=life_event)
    if institution is not None:
        qs = qs.filter(institution=institution)
    if online:
        can = Q(pk__in=[])
        for ids in procedures_online.values():
            can |= Q(pk__in=ids(None))
        qs = qs.filter(can)
    return text_search(qs, SEARCHED, query).order_by("title_fr", "institution__name_fr")


def online_ids(procedures: list[Procedure]) -> set[int]:
    """Which of these procedures can be applied for online today (the modules say, core.registry)."""
    ids = [p.pk for p in procedures]
    found: set[int] = set()
    for provider in procedures_online.values():
        found.update(provider(ids))
    return found


def procedure_offices(*, procedure: Procedure) -> tuple[QuerySet[Office], bool]:
    """The open offices where this procedure is handled; when the institution named none, all its open offices.
    The second value says whether the list is the procedure's own."""
    own = Office.objects.filter(is_active=True, procedures=procedure)
    if own.exists():
        return own.select_related("institution", "commune").order_by("name_fr"), True
    every = Office.objects.filter(is_active=True, institution=procedure.institution)
    return every.select_related("institution", "commune").order_by("name_fr"), False


def _published(*, institution_slug: str, slug: str) -> QuerySet[Procedure]:
    return Procedure.objects.filter(
        state=ProcedureState.PUBLISHED, institution__slug=institution_slug, institution__on_platform=True, slug=slug
    ).select_related("institution", "category")


def procedure_text_gaps(*, procedure: Procedure) -> list[Gap]:
    """The procedure's texts and documents written in some of the site's languages but not all."""
    items: list[tuple[str, Any, tuple[str, ...]]] = [
        (_("The procedure's texts"), procedure, ("title", "purpose", "who", "payment", "decision"))
    ]
    for document in procedure.documents.all():
        items.append((_("Document “%(name)s”") % {"name": document.name}, document, ("name", "description")))
    return text_gaps(items)


def procedure_find_public(*, institution_slug: str, slug: str) -> Procedure | None:
    """The published procedure alone (for pages that show its title, not its whole sheet)."""
    return _published(institution_slug=institution_slug, slug=slug).first()


def procedure_get_public(*, institution_slug: str, slug: str) -> Procedure | None:
    return (
        _published(institution_slug=institution_slug, slug=slug)
        .prefetch_related("documents", "life_events")
        .prefetch_related(Prefetch("offices", queryset=Office.objects.filter(is_active=True).order_by("name_fr")))
        .prefetch_related(
            Prefetch(
                "related",
                queryset=Procedure.objects.filter(state=ProcedureState.PUBLISHED).select_related("institution"),
            )
        )
        .first()
    )


def procedure_list_for_institution(*, institution: Institution) -> QuerySet[Procedure]:
    return Procedure.objects.filter(institution=institution).select_related("category").order_by("title_fr")


def procedure_get_for_institution(*, institution: Institution, public_id: str) -> Procedure | None:
    return procedure_list_for_institution(institution=institution).filter(public_id=public_id).first()


def models_to_adopt(*, institution: Institution) -> QuerySet[Procedure]:
    """National models the institution has not adopted yet."""
    adopted = Procedure.objects.filter(institution=institution).values_list("slug", flat=True)
    return (
        Procedure.objects.filter(institution__isnull=True)
        .exclude(slug__in=adopted)
        .select_related("category")
        .order_by("title_fr")
    )


def model_get(*, public_id: str) -> Procedure | None:
    return Procedure.objects.filter(institution__isnull=True, public_id=public_id).prefetch_related("documents").first()
