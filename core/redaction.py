"""Masking a person's details in text that will be published (Froide #390, #437).

Each term is matched in any letter case and whatever spaces, dots or dashes were put between
its characters, so "Amina Alaoui", "AMINA  ALAOUI", "a.alaoui @ mail.ma" and "06 12-34 56 78"
are all caught. Phone numbers are matched on their last nine digits with any national prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "[…]"
_SEP = r"[\s.\-_,]*"


def _flexible(term: str) -> str:
    chars = [c for c in term if not c.isspace() and c not in ".-_,"]
    if not chars:
        return ""
    # Whole words only: "Ali" is masked, "Alignment" is not.
    return r"(?<!\w)" + _SEP.join(re.escape(c) for c in chars) + r"(?!\w)"


def _phone_pattern(phone: str) -> str | None:
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 8:
        return None
    tail = digits[-9:]
    prefix = r"(?:(?:\+|00)\s*212" + _SEP + r"|0" + _SEP + r")?"
    return r"(?<!\d)" + prefix + _SEP.join(tail) + r"(?!\d)"


def redaction_patterns(
    *,
    names: Iterable[str] = (),
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    addresses: Iterable[str] = (),
    passages: Iterable[str] = (),
) -> list[re.Pattern[str]]:
    """Compile the patterns once; longest first so a full name wins over its parts."""
    sources: list[str] = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        sources.append(_flexible(name))
        # Each part of a name on its own too ("Mme Alaoui"), when long enough not to mask every word.
        sources.extend(_flexible(part) for part in re.split(r"\s+", name) if len(part) >= 3)
    for email in emails:
        email = email.strip()
        if email:
            sources.append(_flexible(email))
            local = email.split("@")[0]
            if len(local) >= 4:
                sources.append(_flexible(local))
    for phone in phones:
        pattern = _phone_pattern(phone)
        if pattern:
            sources.append(pattern)
    for address in addresses:
        # An address is masked line by line: a letter may quote only the street.
        for line in re.split(r"[\n,،]+", address):
            line = line.strip()
            # "7 rue Oqba" is also masked when quoted as "rue Oqba".
            for variant in {line, re.sub(r"^\d+\s*(?:bis|ter)?\s*", "", line, flags=re.IGNORECASE)}:
                if len(variant) >= 4:
                    sources.append(_flexible(variant))
    for passage in passages:
        passage = passage.strip()
        if len(passage) >= 2:
            sources.append(_flexible(passage))
    unique = sorted({s for s in sources if s}, key=len, reverse=True)
    return [re.compile(s, re.IGNORECASE) for s in unique]


def redact(text: str, patterns: Iterable[re.Pattern[str]]) -> str:
    for pattern in patterns:
        text = pattern.sub(MASK, text)
    return text
