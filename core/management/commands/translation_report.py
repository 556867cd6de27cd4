"""How far each interface catalogue is translated and reviewed (docs/translation.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


def catalogue_report(path: Path) -> dict[str, int]:
    """Entries, translated, untranslated, fuzzy, and the review state its translator comments give."""
    import polib

    entries = [e for e in polib.pofile(str(path)) if not e.obsolete]
    translated = [e for e in entries if e.translated()]
    return {
        "entries": len(entries),
        "translated": len(translated),
        "untranslated": len(entries) - len(translated),
        "fuzzy": sum(1 for e in entries if "fuzzy" in e.flags),
        "reviewed": sum(1 for e in translated if (e.tcomment or "").startswith("review: done")),
        "unreviewed": sum(1 for e in translated if (e.tcomment or "").startswith("review: pending")),
    }


class Command(BaseCommand):
    help = "Per language: how many interface strings are untranslated, and how many translations are unreviewed."

    def handle(self, *args: Any, **options: Any) -> None:
        base = Path(settings.LOCALE_PATHS[0])
        partial = getattr(settings, "PARTIAL_CATALOGUES", {})
        self.stdout.write(f"{'language':<10}{'entries':>9}{'translated':>12}{'missing':>9}{'unreviewed':>12}")
        for code, _name in settings.LANGUAGES:
            path = base / code / "LC_MESSAGES" / "django.po"
            if not path.exists():
                self.stdout.write(f"{code:<10} no catalogue")
                continue
            r = catalogue_report(path)
            # Arabic, French and English are written by the developers and complete; only the catalogues still
            # being translated carry a review state entry by entry.
            unreviewed = str(r["unreviewed"]) if code in partial else "-"
            self.stdout.write(
                f"{code:<10}{r['entries']:>9}{r['translated']:>12}{r['untranslated']:>9}{unreviewed:>12}"
                + (f"   missing strings read in {partial[code]}" if code in partial else "")
            )
