"""House rules checked over the project's own Python files, so what was cleaned up does not come back."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIPPED = {".venv", "var", "node_modules", "static", "locale"}
THIS_FILE = Path(__file__).resolve()

# Built from parts so that this file does not match itself.
TODAY_CALL = re.compile(r"\bdate" + r"\.today\(")
ALLAUTH_INTERNAL = re.compile(r"^\s*(from|import)\s+allauth(\.\w+)*\.internal\b", re.MULTILINE)


def python_files() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not set(path.relative_to(ROOT).parts[:-1]) & SKIPPED
        and not any(part.startswith(".") for part in path.relative_to(ROOT).parts)
        and path.resolve() != THIS_FILE
    ]


def offending(pattern: re.Pattern[str], *, allowed: frozenset[str] = frozenset()) -> list[str]:
    found = []
    for path in python_files():
        name = str(path.relative_to(ROOT))
        if name in allowed:
            continue
        text = path.read_text(encoding="utf-8")
        for match in pattern.finditer(text):
            found.append(f"{name}:{text.count(chr(10), 0, match.start()) + 1}")
    return found


def test_the_project_files_are_found():
    names = {str(p.relative_to(ROOT)) for p in python_files()}
    assert "core/clock.py" in names
    assert "manage.py" in names
    assert not any(name.startswith(".venv") for name in names)


def test_only_core_clock_reads_the_date_from_the_system():
    """Today comes from core.clock: demo data and browser tests move it, date.today() would not follow."""
    assert offending(TODAY_CALL, allowed=frozenset({"core/clock.py"})) == []


def test_nothing_imports_allauths_internal_modules():
    """allauth's ``*.internal`` modules may change in any release: use its public API (accounts.totp for codes)."""
    assert offending(ALLAUTH_INTERNAL) == []


def test_the_rules_would_catch_a_relapse():
    assert TODAY_CALL.search("x = " + "date.today()")
    assert ALLAUTH_INTERNAL.search("    from allauth.mfa.totp." + "internal.auth import TOTP\n")
    assert ALLAUTH_INTERNAL.search("import allauth.core." + "internal\n")
    assert not ALLAUTH_INTERNAL.search("from allauth.mfa.utils import encrypt\n")
