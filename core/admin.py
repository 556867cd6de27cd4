"""Moved: the audited admin base classes live in ``audit.admin`` (core imports none of the project's apps).

Kept only until ``institutions/admin.py`` imports ``AuditedModelAdmin`` from ``audit.admin``; then delete this file
and its entry in ``ignore_imports`` (pyproject.toml, contract "core-is-domain-free").
"""

from __future__ import annotations

from typing import Any

_MOVED = {"AuditedAdminMixin", "AuditedModelAdmin", "ReadOnlyAdminMixin"}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        from audit import admin

        return getattr(admin, name)
    raise AttributeError(name)
