"""`manage.py translation_report`: per language, what is left to translate and to review."""

from __future__ import annotations

import re
from io import StringIO

from django.core.management import call_command


def test_the_report_counts_each_catalogue_and_the_amazigh_review_state():
    out = StringIO()
    call_command("translation_report", stdout=out)
    rows = {line.split()[0]: line.split() for line in out.getvalue().splitlines()[1:]}
    assert set(rows) == {"ar", "zgh", "fr", "en"}
    for code in ("ar", "fr", "en"):
        entries, translated, missing = (int(n) for n in rows[code][1:4])
        assert entries == translated and missing == 0
    entries, translated, missing, unreviewed = (int(n) for n in rows["zgh"][1:5])
    assert entries == translated + missing and 0 < translated < entries and unreviewed == translated
    assert re.search(r"zgh .* missing strings read in ar", out.getvalue())
