from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """Pages under /en/, so the assertions read the messages people see in English."""
    with translation.override("en"):
        yield
