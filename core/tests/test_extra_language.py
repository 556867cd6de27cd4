"""A language more is one line in settings and a migration: with EXTRA_LANGUAGE set, every translated field has
its column, every editor's form its field, and the migration adds nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
from django.apps import apps
from translated_fields import TranslatedField

from applications.forms import FieldForm, StepForm
from applications.models import FormStep
from information.forms import PublicationForm
from procedures.forms import DocumentForm, ProcedureForm
from procedures.models import Procedure

translated = []
for model in apps.get_models():
    for name, value in vars(model).items():
        if isinstance(value, TranslatedField):
            translated.append((model, name))
            model._meta.get_field(name + "_es")
print("TRANSLATED", len(translated))
procedure = Procedure(pk=1)  # the builder's questions name a saved procedure; nothing is read here
forms = {
    "publication": (PublicationForm(), ["title", "summary"]),
    "procedure": (ProcedureForm(instance=Procedure()), ["title", "purpose", "who", "payment", "decision"]),
    "document": (DocumentForm(), ["name", "description"]),
    "step": (StepForm(instance=FormStep()), ["title"]),
    "question": (FieldForm(procedure=procedure, earlier=[]), ["label", "help", "choices"]),
}
for key, (form, names) in forms.items():
    for name in names:
        assert name + "_es" in form.fields, (key, name)
        assert form.fields[name + "_es"].widget.attrs.get("lang") == "es", (key, name)
# Institutions and offices are edited in the admin: their forms carry every language's column too.
from django.contrib import admin
from django.test import RequestFactory
from institutions.models import Institution, Office

request = RequestFactory().get("/")
request.user = type(
    "Admin", (), {"is_active": True, "is_staff": True, "is_superuser": True, "has_perm": lambda *a: True}
)()
for model, names in ((Institution, ["name"]), (Office, ["name", "address"])):
    form = admin.site._registry[model].get_form(request)
    for name in names:
        assert name + "_es" in form.base_fields, (model, name)
# The API's per-language dictionaries are built from the same list.
from core.i18n import written_in
assert written_in(Institution(name_fr="Commune", name_es="Municipio"), "name") == {"fr": "Commune", "es": "Municipio"}
print("FORMS OK")
"""


def _run(*args: str) -> str:
    env = {**os.environ, "EXTRA_LANGUAGE": "es", "CITIZEN_OFFICE_ENV": "development"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_every_translated_field_and_form_gets_the_extra_language():
    out = _run("shell", "-c", CHECK)
    assert "FORMS OK" in out
    assert int(out.split("TRANSLATED", 1)[1].split()[0]) >= 20


def test_the_migration_for_a_new_language_only_adds_its_columns():
    out = _run("makemigrations", "--dry-run")
    changes = [line.strip() for line in out.splitlines() if line.strip().startswith(("+", "-", "~"))]
    # Columns for the new language, and the two lists of languages a person or a document chooses from.
    language_choices = ("~ Alter field preferred_language on user", "~ Alter field language on publication")
    assert changes and all(
        (line.startswith("+ Add field") and "_es to " in line) or line in language_choices for line in changes
    ), out
    assert "+ Add field name_es to institution" in out and "+ Add field title_es to publication" in out
