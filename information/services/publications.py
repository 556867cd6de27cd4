"""Publishing, editing and withdrawing documents (law 31-13, art. 10); every change audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import has_role
from audit.services import SYSTEM, Context, audit_record
from core.i18n import per_language
from information.models import Publication, PublicationFile, PublicationState

PUBLISHERS = (Role.INFORMATION_OFFICER, Role.INSTITUTION_ADMIN)
TEXTS = tuple(per_language("title", "summary"))
FIELDS = ("category", *TEXTS, "language", "published_on", "tags")


def _check(actor: Any, institution: Any) -> None:
    if not has_role(actor, institution, PUBLISHERS):
        raise PermissionDenied


def _normalise_tags(tags: str) -> str:
    seen: list[str] = []
    for tag in tags.split(","):
        tag = " ".join(tag.split()).lower()
        if tag and tag not in seen:
            seen.append(tag)
    return ", ".join(seen)[:255]


@transaction.atomic
def publication_create(
    *,
    actor: Any,
    institution: Any,
    category: Any,
    language: str,
    published_on: Any,
    title: str = "",
    summary: str = "",
    texts: dict[str, str] | None = None,
    tags: str = "",
    files: Iterable[File] = (),
    submission_key: Any = None,
    context: Context = SYSTEM,
) -> Publication:
    """Publish a document. ``title`` and ``summary`` are in the document's ``language``; ``texts`` gives the
    others (``{"title_ar": …, "summary_en": …}``). The title in the document's language is required."""
    _check(actor, institution)
    values = {name: (value or "").strip() for name, value in (texts or {}).items() if name in TEXTS}
    if title.strip():
        values[f"title_{language}"] = title.strip()
    if summary.strip():
        values[f"summary_{language}"] = summary.strip()
    if not values.get(f"title_{language}"):
        raise ValidationError({f"title_{language}": _("Give the title in the language of the document.")})
    if submission_key is not None:
        existing = Publication.objects.filter(institution=institution, submission_key=submission_key).first()
        if existing is not None:  # the button pressed twice
            return existing
    files = list(files)
    if not files:
        raise ValidationError({"files": _("Attach at least one file.")})
    publication = Publication.objects.create(
        institution=institution,
        category=category,
        language=language,
        **values,
        published_on=published_on,
        tags=_normalise_tags(tags),
        created_by=actor,
        submission_key=submission_key,
    )
    for upload in files:
        PublicationFile.objects.create(publication=publication, file=upload, size=upload.size or 0)
    audit_record(
        actor=actor,
        action="publication.create",
        obj=publication,
        institution=institution,
        changes={"files": len(files), "category": category.slug},
        context=context,
    )
    return publication


@transaction.atomic
def publication_update(
    *,
    actor: Any,
    publication: Publication,
    files: Iterable[File] = (),
    remove_files: Iterable[int] = (),
    context: Context = SYSTEM,
    **values: Any,
) -> Publication:
    _check(actor, publication.institution)
    # Compare with the stored row: a bound ModelForm may already have changed the instance in memory.
    stored = Publication.objects.select_for_update().get(pk=publication.pk)
    changes: dict[str, Any] = {}
    if "tags" in values:
        values["tags"] = _normalise_tags(values["tags"])
    for name in FIELDS:
        if name in values and getattr(stored, name) != values[name]:
            before = getattr(stored, name)
            changes[name] = [str(getattr(before, "slug", before)), str(getattr(values[name], "slug", values[name]))]
            setattr(publication, name, values[name])
    publication.save()
    removed = list(PublicationFile.objects.filter(publication=publication, pk__in=list(remove_files)))
    if removed:
        changes["files_removed"] = [f.filename for f in removed]
        for row in removed:
            row.file.delete(save=False)  # gone from the disk too, not only from the page
            row.delete()
    added = [PublicationFile.objects.create(publication=publication, file=f, size=f.size or 0) for f in files]
    if added:
        changes["files_added"] = [f.filename for f in added]
    if not PublicationFile.objects.filter(publication=publication).exists():
        raise ValidationError({"files": _("A publication keeps at least one file.")})
    audit_record(
        actor=actor,
        action="publication.update",
        obj=publication,
        institution=publication.institution,
        changes=changes,
        context=context,
    )
    return publication


@transaction.atomic
def publication_withdraw(*, actor: Any, publication: Publication, reason: str, context: Context = SYSTEM) -> None:
    _check(actor, publication.institution)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the document is withdrawn.")})
    publication.state = PublicationState.WITHDRAWN
    publication.withdrawn_reason = reason.strip()[:255]
    publication.save(update_fields=["state", "withdrawn_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="publication.withdraw",
        obj=publication,
        institution=publication.institution,
        changes={"reason": publication.withdrawn_reason},
        context=context,
    )
