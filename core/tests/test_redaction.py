"""Other people's identifiers are masked in every public copy; ordinary numbers are not."""

from __future__ import annotations

import pytest

from core.redaction import IDENTIFIERS, MASK, identifiers_in, redact, redaction_patterns


def rib(first22: str) -> str:
    """A RIB whose key holds (the 24-figure number is a multiple of 97)."""
    return first22 + f"{97 - int(first22) * 100 % 97:02d}"


VALID_RIB = rib("0117800000123456789012")
assert int(VALID_RIB) % 97 == 0


def masked(text: str) -> str:
    return redact(text, IDENTIFIERS)


PHONES = [
    "0612345678",
    "06 12 34 56 78",
    "06.12.34.56.78",
    "06-12-34-56-78",
    "06 - 12 - 34 - 56 - 78",
    "06/12/34/56/78",
    "0612-345678",
    "0612 34 56 78",
    "06 123 456 78",
    "061 234 5678",
    "0612\u00a034\u00a056\u00a078",  # non-breaking spaces, as a word processor puts them
    "07 00 11 22 33",
    "05 37 12 34 56",
    "0537-123456",
    "+212612345678",
    "+212 6 12 34 56 78",
    "+212-6-12-34-56-78",
    "+212 (0) 6 12 34 56 78",
    "+212 0612345678",
    "(+212) 612-345678",
    "00212612345678",
    "00 212 6 12 34 56 78",
    "٠٦١٢٣٤٥٦٧٨",
    "٠٦ ١٢ ٣٤ ٥٦ ٧٨",
    "+٢١٢ ٦١٢٣٤٥٦٧٨",
    "۰۶۱۲۳۴۵۶۷۸",
    "06\u200e 12\u200e 34\u200e 56\u200e 78",  # direction marks inside a number in an Arabic text
]


@pytest.mark.parametrize("phone", PHONES)
def test_a_moroccan_phone_number_is_masked_however_it_is_written(phone):
    assert masked(f"Tél : {phone}.") == f"Tél : {MASK}."
    assert masked(f"يمكن الاتصال بالسيد على الرقم {phone} صباحا") == f"يمكن الاتصال بالسيد على الرقم {MASK} صباحا"


CARDS = ["AB123456", "A12345", "BK 654321", "ab123456", "BE١٢٣٤٥٦", "J 123456"]


@pytest.mark.parametrize("card", CARDS)
def test_a_national_identity_card_number_is_masked(card):
    assert masked(f"Mon voisin, CIN n° {card}, habite ici.") == f"Mon voisin, CIN n° {MASK}, habite ici."
    assert masked(f"رقم البطاقة الوطنية للمعني: {card}") == f"رقم البطاقة الوطنية للمعني: {MASK}"
    assert masked(f"(CNIE {card})") == f"(CNIE {MASK})"


EMAILS = [
    "ali.benali@gmail.com",
    "Ali.Benali+doc@mail.co.ma",
    "user_1@menara.ma",
    "ALI@EXAMPLE.ORG",
    "ali @ gmail.com",
    "ali [at] gmail [dot] com",
    "ali(at)gmail(dot)com",
]


@pytest.mark.parametrize("email", EMAILS)
def test_an_email_address_is_masked(email):
    assert masked(f"Écrivez à {email}. Merci") == f"Écrivez à {MASK}. Merci"
    assert masked(f"البريد الإلكتروني لزوجها:{email}") == f"البريد الإلكتروني لزوجها:{MASK}"


def _grouped(digits: str, sizes: list[int], sep: str) -> str:
    parts, at = [], 0
    for size in sizes:
        parts.append(digits[at : at + size])
        at += size
    return sep.join(parts)


BANK = [
    VALID_RIB,
    _grouped(VALID_RIB, [3, 3, 16, 2], " "),
    _grouped(VALID_RIB, [3, 3, 16, 2], "-"),
    _grouped(VALID_RIB, [3, 3, 4, 4, 4, 4, 2], " "),
    _grouped(VALID_RIB, [4, 4, 4, 4, 4, 4], " "),
    "011780000012345678901234",  # a key that does not hold, written whole: masked all the same
    "011 780 0000123456789012 34",
    VALID_RIB.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
    "MA64 " + _grouped(VALID_RIB, [4, 4, 4, 4, 4, 4], " "),
    "MA64" + VALID_RIB,
    "ma 64 " + _grouped(VALID_RIB, [3, 3, 16, 2], " "),
]


@pytest.mark.parametrize("account", BANK)
def test_a_bank_account_number_rib_or_iban_is_masked(account):
    assert masked(f"Virement sur le RIB {account} de M. X.") == f"Virement sur le RIB {MASK} de M. X."
    assert masked(f"رقم الحساب البنكي {account} باسم المستفيد") == f"رقم الحساب البنكي {MASK} باسم المستفيد"


ORDINARY = [
    "Loi n° 31-13 relative au droit d'accès à l'information",
    "القانون رقم 31.13 المتعلق بالحق في الحصول على المعلومات",
    "Décret n° 2-14-867 du 21 septembre 2015",
    "Dahir n° 1-18-15 du 5 joumada II 1439 (22 février 2018)",
    "En 2023 et 2024 le budget était de 1 500 000 DH, soit 15.000.000,00 dirhams",
    "ميزانية 2024 هي 1.250.000 درهم و٢٠٢٥ أيضا",
    "Réunion le 05/12/2023 10h30, puis le 06-03-2024 14:00",
    "الاجتماع يوم 05/12/2023 10 صباحا",
    "INF-RABAT-2026-000123",
    "votre demande inf-rabat-2026-000123",
    "DEM-CR12345-2026-061234",
    "INF-AB123456-2026-000001",
    "COVID-19, H2020, format A4, route N1, RN11, A320",
    "BP 12345 Rabat, DH 15000, RC 123456",
    "Il y a 15000 habitants, Le 12345 est un numéro",
    "Les budgets 2019 2020 2021 2022 2023 2024",
    "06 12 34 56",  # too short for a phone number
    "12345678901234567890123456789",  # too long for any
    "ICE 001234567000089",
    "Numéro vert 0800 00 12 34",
    "Article 12345678",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_numbers_and_the_platforms_references_are_left_as_they_are(text):
    assert masked(text) == text
    assert identifiers_in(text) == []


def test_a_reference_next_to_a_phone_number_stays_and_the_phone_number_goes():
    text = "Ma demande INF-RABAT-2026-000123 : appelez le 0612345678."
    assert masked(text) == f"Ma demande INF-RABAT-2026-000123 : appelez le {MASK}."


def test_a_mixed_text_has_each_identifier_masked_once_and_the_rest_kept():
    text = (
        "Je demande le dossier de M. X (CIN AB123456, tél. +212 6 61 23 45 67, x.y@mail.ma), "
        f"payé sur le RIB {_grouped(VALID_RIB, [3, 3, 16, 2], ' ')} en 2024 (loi 31-13)."
    )
    assert masked(text) == (
        f"Je demande le dossier de M. X (CIN {MASK}, tél. {MASK}, {MASK}), payé sur le RIB {MASK} en 2024 (loi 31-13)."
    )
    assert [kind for kind, _text in identifiers_in(text)] == ["email", "rib", "phone", "card"]


def test_the_requesters_own_details_and_other_peoples_identifiers_are_both_masked():
    patterns = redaction_patterns(names=["Amina Alaoui"], phones=["0612345678"])
    text = "Amina Alaoui, ٠٦١٢٣٤٥٦٧٨, demande la facture payée par son voisin (0661234567)."
    assert redact(text, patterns) == f"{MASK}, {MASK}, demande la facture payée par son voisin ({MASK})."
    # Without the identifiers only the requester's own details go.
    mine = redaction_patterns(names=["Amina Alaoui"], phones=["0612345678"], identifiers=False)
    assert redact(text, mine) == f"{MASK}, {MASK}, demande la facture payée par son voisin (0661234567)."


def test_a_long_text_of_figures_and_spaces_is_read_in_a_moment():
    import time

    text = "1  " * 5000 + "0 6 " * 5000 + "x@" + "ab." * 5000 + "1"
    started = time.perf_counter()
    masked(text)
    assert time.perf_counter() - started < 1
