"""Masking personal data in text that will be published (Froide #390, #437; law 09-08).

Two kinds of patterns. The requester's own details: each term is matched in any letter case and
whatever spaces, dots or dashes were put between its characters, so "Amina Alaoui",
"AMINA  ALAOUI", "a.alaoui @ mail.ma" and "06 12-34 56 78" are all caught; phone numbers are
matched on their last nine digits with any national prefix. And other people's identifiers,
wherever they appear (``IDENTIFIERS``): email addresses, bank account numbers (RIB, IBAN MA),
Moroccan phone numbers and national identity card numbers (CIN/CNIE), their digits written in
Western or Arabic-Indic figures. Ordinary numbers (years, amounts, law numbers, dates) and the
platform's own references (core.references) are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

MASK = "[…]"
_SEP = r"[\s.\-_,]*"


def _digit_class(first: int, last: int) -> str:
    """Digits ``first``..``last`` in Western (0-9), Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) figures."""
    ranges = []
    for zero in (ord("0"), 0x0660, 0x06F0):
        a, b = chr(zero + first), chr(zero + last)
        ranges.append(a if a == b else f"{a}-{b}")
    return "[" + "".join(ranges) + "]"


def _digit(figure: str) -> str:
    """One digit in any of the three scripts: ``_digit("6")`` matches 6, ٦ and ۶."""
    n = int(figure)  # int() reads Arabic-Indic figures too
    return _digit_class(n, n)


_D = _digit_class(0, 9)
_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


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
    prefix = r"(?:(?:\+|00)\s*" + _digit("2") + _digit("1") + _digit("2") + _SEP + r"|" + _digit("0") + _SEP + r")?"
    return r"(?<!\d)" + prefix + _SEP.join(_digit(d) for d in tail) + r"(?!\d)"


# --- Other people's identifiers --------------------------------------------------------------------

# Between the figures of a number people put spaces (also non-breaking or narrow ones), a dot, a
# dash or a slash, with spaces around or not; an Arabic text may also hold invisible direction marks.
_GAP = "[ \u00a0\u202f\u200e\u200f\u2066-\u2069\u202a-\u202e]{0,3}"
# One way only to read a separator (spaces, then a sign and spaces): a failed match backtracks little.
_NSEP = rf"(?:{_GAP}(?:[.\-/]{_GAP})?)"

# The platform's references (core.references: INF-RABAT-2026-000123) are never masked.
_REFERENCE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2,5}-[A-Za-z0-9]{2,12}-\d{4}-\d{6,}(?!\d)")


def _figures(text: str) -> list[str]:
    """The groups of figures of a number as written, in Western figures: "06 12-34" -> ["06", "12", "34"]."""
    return re.findall(r"\d+", text.translate(_WESTERN))


@dataclass(frozen=True)
class Identifier:
    """One kind of identifier: its pattern, and a check that tells it from an ordinary number."""

    kind: str
    pattern: re.Pattern[str]
    accept: Callable[[re.Match[str]], bool] | None = None

    def finditer(self, text: str) -> list[re.Match[str]]:
        kept = [m.span() for m in _REFERENCE.finditer(text)]
        return [
            m
            for m in self.pattern.finditer(text)
            if not any(start < m.end() and m.start() < end for start, end in kept)
            and (self.accept is None or self.accept(m))
        ]

    def sub(self, repl: str, text: str) -> str:
        """Like ``re.Pattern.sub`` with a plain replacement, skipping references and ordinary numbers."""
        found = self.finditer(text)
        for m in reversed(found):
            text = text[: m.start()] + repl + text[m.end() :]
        return text


# Email addresses, also written "ali [at] mail [dot] ma" or with spaces around the @.
_AT = r"(?:\s?@\s?|\s?[\[({]at[\])}]\s?)"
_DOT = r"(?:\.|\s?[\[({]dot[\])}]\s?)"
EMAIL = Identifier(
    "email",
    re.compile(
        rf"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+{_AT}[A-Za-z0-9\-]+(?:{_DOT}[A-Za-z0-9\-]+)*{_DOT}[A-Za-z]{{2,}}"
        r"(?![A-Za-z0-9\-])",
        re.IGNORECASE,
    ),
)

# IBAN in its Moroccan form: MA, two check figures, then the 24 figures of the RIB.
IBAN = Identifier("iban", re.compile(rf"(?<![A-Za-z0-9])MA{_GAP}{_D}{{2}}(?:{_NSEP}{_D}){{24}}(?!{_D})", re.IGNORECASE))


def _is_rib(match: re.Match[str]) -> bool:
    """24 figures: a RIB when written whole or as bank and city codes first (011 780 …), or when its key holds.

    A RIB's key makes the 24-figure number a multiple of 97 (the same rule as the French RIB); it tells
    an account number written in fours from, say, six years in a row ("2019 2020 2021 …").
    """
    groups = _figures(match.group(0))
    if len(groups) == 1 or [len(g) for g in groups[:2]] == [3, 3]:
        return True
    return int("".join(groups)) % 97 == 0


RIB = Identifier("rib", re.compile(rf"(?<!{_D}){_D}(?:{_NSEP}{_D}){{23}}(?!{_D})"), _is_rib)


def _is_phone(match: re.Match[str]) -> bool:
    """Not a date followed by an hour: "05/12/2023 10h30" has ten figures but is no phone number."""
    if match.group("international"):
        return True
    groups = _figures(match.group(0))
    if len(groups) >= 3 and [len(g) for g in groups[:3]] == [2, 2, 4]:
        day, month, year = int(groups[0]), int(groups[1]), groups[2]
        if 1 <= day <= 31 and 1 <= month <= 12 and year[:2] in ("19", "20"):
            return False
    return True


# Moroccan numbers: 05 (fixed), 06 and 07 (mobile) and eight more figures, grouped as people write them
# (06 12 34 56 78, 0612-345678, 06.12.34.56.78), or with +212 / 00212 / (+212) and an optional (0).
_INTERNATIONAL = (
    rf"(?:\({_GAP})?(?:\+|00){_GAP}{_digit('2')}{_digit('1')}{_digit('2')}{_GAP}\)?{_NSEP}"
    rf"(?:\({_GAP}{_digit('0')}{_GAP}\){_NSEP}|{_digit('0')}{_NSEP})?"
)
PHONE = Identifier(
    "phone",
    re.compile(
        rf"(?<!{_D})(?:(?P<international>{_INTERNATIONAL})|{_digit('0')}{_NSEP})"
        rf"{_digit_class(5, 7)}(?:{_NSEP}{_D}){{8}}(?!{_D})"
    ),
    _is_phone,
)

# Letters written before a number that are not the letters of an identity card: dirhams, a post-office
# box, a commercial register, kilometres…
NOT_CARD_LETTERS = frozenset({"BP", "CP", "DH", "HT", "IF", "KG", "KM", "KW", "MW", "RC", "TP"})


def _is_card(match: re.Match[str]) -> bool:
    letters = match.group("letters")
    if letters.upper() in NOT_CARD_LETTERS:
        return False
    # "a 15000 habitants": a space is allowed only after capitals, as on the card.
    return not match.group("space") or letters.isupper()


# National identity card (CIN, CNIE): one or two letters, then five or six figures (AB123456, A12345, BK 654321).
CARD = Identifier(
    "card",
    re.compile(
        rf"(?<![A-Za-z0-9_./\-])(?P<letters>[A-Za-z]{{1,2}})(?P<space>[ \u00a0]?){_D}{{5,6}}"
        rf"(?![A-Za-z0-9_]|{_D}|[.,/\-]{_D})"
    ),
    _is_card,
)

# In this order: an email or an IBAN holds figures that the later patterns would otherwise cut in two.
IDENTIFIERS: tuple[Identifier, ...] = (EMAIL, IBAN, RIB, PHONE, CARD)

Masker = re.Pattern[str] | Identifier


def redaction_patterns(
    *,
    names: Iterable[str] = (),
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    addresses: Iterable[str] = (),
    passages: Iterable[str] = (),
    identifiers: bool = True,
) -> list[Masker]:
    """Compile the patterns once; longest first so a full name wins over its parts.

    Other people's identifiers (``IDENTIFIERS``) follow, unless ``identifiers`` is false.
    """
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
    maskers: list[Masker] = [re.compile(s, re.IGNORECASE) for s in unique]
    if identifiers:
        maskers.extend(IDENTIFIERS)
    return maskers


def redact(text: str, patterns: Iterable[Masker]) -> str:
    for pattern in patterns:
        text = pattern.sub(MASK, text)
    return text


def identifiers_in(text: str) -> list[tuple[str, str]]:
    """The other people's identifiers a text holds, as (kind, text) in the order they are masked."""
    found: list[tuple[str, str]] = []
    for identifier in IDENTIFIERS:
        found.extend((identifier.kind, m.group(0)) for m in identifier.finditer(text))
        text = identifier.sub(MASK, text)
    return found
