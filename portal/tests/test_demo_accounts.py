"""`manage.py demo_accounts` prints the role labels in the terminal's language (English by default)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


def _printed(monkeypatch: pytest.MonkeyPatch, **environ: str) -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("environ", "case_officer", "not_shown"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "Instructeur — commune-rabat", "Case officer"),
        ({"LANG": "ar_MA.UTF-8"}, "مكلف بمعالجة الملفات — commune-rabat", "Case officer"),
        ({"LANG": "C"}, "Case officer — commune-rabat", "Instructeur"),
        ({}, "Case officer — commune-rabat", "Instructeur"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "Case officer — commune-rabat", "Instructeur"),
    ],
)
def test_role_labels_follow_the_terminal_language(monkeypatch, environ, case_officer, not_shown):
    printed = _printed(monkeypatch, **environ)
    assert "officer.rabat@demo.citizen-office.ma" in printed
    assert case_officer in printed
    assert not_shown not in printed
