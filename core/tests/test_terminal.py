"""Commands print in the terminal's language: LC_ALL, then LC_MESSAGES, then LANG; English otherwise."""

from __future__ import annotations

import pytest

from core.terminal import terminal_language


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "ar_MA.UTF-8"}, "ar"),
        ({"LANG": "ar_MA"}, "ar"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "ar_MA.UTF-8"}, "ar"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": ""}, "fr"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_terminal_language_is_read_as_posix_reads_it(environ, expected):
    assert terminal_language(environ) == expected
