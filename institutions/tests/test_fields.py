"""The cached institution picker: grouped by kind, current value selected, refreshed on change."""

import pytest
from django import forms

from institutions.fields import InstitutionChoiceField
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


class PickForm(forms.Form):
    institution = InstitutionChoiceField(label="Institution")


def test_picker_selects_the_current_value_and_validates_slugs():
    a = InstitutionFactory(name_fr="Alpha")
    InstitutionFactory(name_fr="Beta")
    hidden = InstitutionFactory(name_fr="Gamma", off_platform=True)
    html = str(PickForm(initial={"institution": a.slug})["institution"])
    assert f'<option value="{a.slug}" selected>Alpha</option>' in html
    assert "Gamma" not in html
    assert PickForm({"institution": a.slug}).is_valid()
    assert not PickForm({"institution": hidden.slug}).is_valid()


def test_picker_is_refreshed_when_an_institution_changes(django_assert_max_num_queries):
    a = InstitutionFactory(name_fr="Alpha")
    str(PickForm()["institution"])
    with django_assert_max_num_queries(0):
        str(PickForm()["institution"])  # cached
    a.name_fr = "Alpha renamed"
    a.save()
    assert "Alpha renamed" in str(PickForm()["institution"])


def test_picker_can_leave_one_out():
    a = InstitutionFactory(name_fr="Alpha")
    b = InstitutionFactory(name_fr="Beta")
    field = InstitutionChoiceField(label="To", exclude=a)
    html = field.widget.render("to", None)
    assert f'value="{a.slug}"' not in html and f'value="{b.slug}"' in html
