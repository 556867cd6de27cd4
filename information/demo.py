"""Demo data for access to information (filled in below)."""

from __future__ import annotations

from typing import Any


def seed_information(stdout: Any) -> None:
    return None
