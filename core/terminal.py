"""The language of the terminal a command runs in, for what management commands print."""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.conf import settings

DEFAULT = "en"


def terminal_language(environ: Mapping[str, str] | None = None) -> str:
    """The site language the terminal asks for (LC_ALL, then LC_MESSAGES, then LANG, as POSIX reads them).

    "fr_FR.UTF-8" gives "fr", "ar_MA" gives "ar"; "C", "POSIX", unset or a language the site does not speak
    gives English, the language of the developer documentation.
    """
    env = os.environ if environ is None else environ
    value = next((env[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(name)), "")
    code = value.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else DEFAULT
