"""Issue 11 §3: free text drops the bidirectional control characters that can disguise what staff read."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from core.bidi import BidiControlsMiddleware, strip_bidi_controls

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_every_control_is_dropped_and_direction_marks_and_text_are_kept():
    text = f"ملف{CONTROLS}\u200f invoice\u200e.pdf"
    assert strip_bidi_controls(text) == "ملف\u200f invoice\u200e.pdf"


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "multipart/form-data"])
def test_the_middleware_cleans_every_value_of_a_form(content_type):
    seen = {}

    def view(request):
        seen.update({k: request.POST.getlist(k) for k in request.POST})
        return HttpResponse()

    factory = RequestFactory()
    data = {"subject": "Budget \u202egpj.exe", "tags": ["a\u2066b", "c"]}
    if content_type.startswith("multipart"):
        request = factory.post("/", data)
    else:
        from urllib.parse import urlencode

        request = factory.post("/", urlencode(data, doseq=True), content_type=content_type)
    BidiControlsMiddleware(view)(request)
    assert seen == {"subject": ["Budget gpj.exe"], "tags": ["ab", "c"]}


@pytest.mark.django_db
def test_a_name_typed_with_an_override_is_stored_without_it(client):
    from accounts.tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Amina \u202eiuoalA", "preferred_language": "fr", "commune": "", "phone": ""},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Amina iuoalA"


def test_peoples_text_is_shown_isolated_in_every_template():
    """What people type (names, subjects, bodies, notes) is printed inside <bdi> or an element with dir="auto", so
    an Arabic name in a French table, or a French subject in an Arabic page, does not scramble its line."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    printed = re.compile(r"\{\{ *[a-z_.]*\.(full_name|subject|public_subject|body|public_body|note|public_note|text)\b")
    offenders = []
    for template in root.glob("*/templates/**/*.html"):
        if "/pdf/" in str(template) or ".venv" in str(template):
            continue
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if "{% block title %}" in line:
                continue
            for found in printed.finditer(line):
                before = line[: found.start()]
                isolated = before.rfind("<bdi>") > before.rfind("</bdi>") or 'dir="auto"' in before
                if not isolated:
                    offenders.append(f"{template.relative_to(root)}:{number}")
    assert not offenders, offenders


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/api/v1/information-requests?state=l%00x", "/fr/institutions/?q=a%00b", "/fr/search/?q=%00"]
)
def test_a_nul_character_in_a_query_is_refused_with_400_not_a_server_error(client, url):
    assert client.get(url).status_code == 400


@pytest.mark.django_db
def test_a_nul_character_in_a_form_value_is_refused_with_400(client):
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.post(
        reverse("accounts:profile"), {"full_name": "A\x00B", "preferred_language": "fr", "commune": "", "phone": ""}
    )
    assert response.status_code == 400
