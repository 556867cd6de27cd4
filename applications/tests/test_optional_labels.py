"""A label says "(optional)" once, and only for a question that may be left empty, even before it is revealed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from applications.forms import AcceptForm, CompleteForm
from applications.tests.factories import draft, online_procedure

OPTIONAL = {"fr": "(facultatif)", "ar": "(اختياري)", "en": "(optional)"}
# A visible field's label never says "(optional)" itself: includes/field.html adds it from `required`.
# Hidden fields (the commune chosen step by step) are not rendered by field.html.
LABEL_SAYING_OPTIONAL = re.compile(r"(?<!Hidden)Field\(\s*label=_\(\s*\"[^\"]*\(optional\)\"")


def _label(page: str, field_id: str) -> str:
    return page.split(f'for="{field_id}"')[1].split("</label>")[0]


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize("form", [AcceptForm(), CompleteForm(documents=[], max_bytes=1)], ids=["accept", "complete"])
def test_an_optional_field_says_optional_once_in_every_language(language, form):
    with translation.override(language):
        page = render_to_string("includes/form.html", {"form": form})
    assert _label(page, "id_note").count(OPTIONAL[language]) == 1


def test_no_visible_form_label_says_optional_in_its_own_text():
    root = Path(settings.BASE_DIR)
    offending = [
        str(path.relative_to(root))
        for app in settings.INSTALLED_APPS
        if (path := root / app.split(".")[0] / "forms.py").exists()
        and LABEL_SAYING_OPTIONAL.search(path.read_text(encoding="utf-8"))
    ]
    assert offending == []


@pytest.mark.django_db
def test_a_required_question_waiting_for_its_condition_is_not_labelled_optional(client):
    citizen = UserFactory(verified=True)
    application = draft(online_procedure(), citizen, complete=False)
    step = application.form.steps.order_by("position").first()
    client.force_login(citizen)
    with translation.override("en"):
        page = client.get(reverse("applications:step", args=[application.public_id, step.pk])).content.decode()
    # The lot number is asked only after "yes"; it is on the page, hidden, for the script to reveal.
    assert 'data-key="lot"' in page and "hidden" in page.split('data-key="lot"')[1].split(">")[0]
    assert "optional" not in _label(page, "id_lot")


@pytest.mark.django_db
def test_a_question_that_may_be_left_empty_is_labelled_optional_before_and_after_its_condition(client):
    citizen = UserFactory(verified=True)
    procedure = online_procedure()
    application = draft(procedure, citizen, complete=False)
    application.form.steps.order_by("position").first().fields.filter(key="lot").update(required=False)
    step = application.form.steps.order_by("position").first()
    client.force_login(citizen)
    url = reverse("applications:step", args=[application.public_id, step.pk])
    with translation.override("en"):
        before = client.get(url).content.decode()
        client.post(
            url,
            {"nom": "S", "lotissement": "yes", "pieces": "2", "_shown": "nom,lotissement,pieces", "action": "later"},
        )
        after = client.get(url).content.decode()
    assert _label(before, "id_lot").count("(optional)") == 1
    assert _label(after, "id_lot").count("(optional)") == 1
