"""One view serves every file that belongs to a case (private storage, never a public URL).

A module registers a ``FileSource`` — which model holds the file and one access rule — and points
its URLs at ``private_file`` with ``source=<name>``. The rule sees the request, the stored row and the
URL's other parts (a case id, an institution slug), so a file is only reached through the case it
belongs to. Anything not allowed is a 404: a guessed id tells nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited

from core.registry import Registry


def _filename(stored: Any) -> str:
    return str(stored.file.name).rsplit("/", 1)[-1]


@dataclass(frozen=True)
class FileSource:
    """Where a kind of case file lives and who may read it."""

    model: type[models.Model]
    can_read: Callable[[HttpRequest, Any, dict[str, str]], bool]
    select_related: tuple[str, ...] = ()
    lookup: str = "public_id"
    filename: Callable[[Any], str] = field(default=_filename)
    rate: str = "600/h"
    # Files only people with an account may read: a visitor who is not signed in is sent to sign in.
    sign_in_first: bool = True


private_file_sources: Registry[FileSource] = Registry("private_file_sources")


def private_file(request: HttpRequest, source: str, file_id: str, **scope: str) -> HttpResponseBase:
    """Serve one stored file if the source's access rule allows it."""
    found_source = private_file_sources.get(source)
    if found_source is None:
        raise Http404
    if is_ratelimited(
        request, group=f"private_file:{source}", key="user_or_ip", rate=found_source.rate, increment=True
    ):
        raise Ratelimited
    manager = found_source.model._default_manager
    stored = manager.select_related(*found_source.select_related).filter(**{found_source.lookup: file_id}).first()
    if stored is not None and found_source.can_read(request, stored, scope):
        opened = stored.file.open("rb")  # type: ignore[attr-defined]
        return FileResponse(opened, as_attachment=True, filename=found_source.filename(stored))
    if found_source.sign_in_first and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404
