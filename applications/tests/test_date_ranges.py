"""Date questions: the builder sets the range in words, the applicant's hint shows it, a date outside is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from applications import services
from applications.formlogic import django_field
from applications.forms import FieldForm
from applications.models import FieldKind, FormField
from applications.tests.factories import online_procedure
from core import clock
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 2)


def _since(max_value=Decimal(0), min_value=None) -> FormField:
    return FormField(
        key="depuis", kind=FieldKind.DATE, label_fr="Depuis", help_fr="", min_value=min_value, max_value=max_value
    )


def test_a_past_only_date_names_today_in_the_hint_and_refuses_tomorrow():
    with clock.travel_to(TODAY):
        field = django_field(_since(), required=True)
        assert "A date on or before 2 December 2026." in field.help_text
        assert field.widget.attrs["max"] == "2026-12-02" and "min" not in field.widget.attrs
        assert field.clean("2026-12-02") == TODAY
        with pytest.raises(Exception, match="Enter a date on or before 2 December 2026"):
            field.clean("2026-12-03")


def test_a_window_names_both_ends_and_an_open_date_says_nothing():
    with clock.travel_to(TODAY):
        window = django_field(_since(min_value=Decimal(0), max_value=Decimal(365)), required=True)
        assert "A date from 2 December 2026 to 2 December 2027." in window.help_text
        with pytest.raises(Exception, match="Enter a date on or after 2 December 2026"):
            window.clean("2026-12-01")
        assert django_field(_since(max_value=None), required=True).help_text == ""


def test_the_hint_follows_the_clock():
    with clock.travel_to(dt.date(2027, 1, 15)):
        assert "15 January 2027" in django_field(_since(), required=True).help_text


@pytest.mark.parametrize(
    ("chosen", "typed", "stored"),
    [
        ("past", ("-10", "5"), (None, Decimal(0))),
        ("future", ("", ""), (Decimal(0), None)),
        ("any", ("-10", "5"), (None, None)),
        ("", ("-30", "0"), (Decimal(-30), Decimal(0))),
    ],
)
def test_the_builder_turns_the_range_in_words_into_days(chosen, typed, stored):
    commune = InstitutionFactory()
    procedure = online_procedure(commune)
    form = FieldForm(
        {
            "label_fr": "Depuis",
            "kind": "date",
            "key": "depuis",
            "required": "on",
            "date_range": chosen,
            "min_value": typed[0],
            "max_value": typed[1],
            "position": 1,
        },
        procedure=procedure,
        earlier=[],
    )
    assert form.is_valid(), form.errors
    data = form.service_data()
    assert (data["min_value"], data["max_value"]) == stored


def test_the_builder_page_offers_the_range_and_shows_the_one_saved(client):
    commune = InstitutionFactory()
    admin = staff(Role.INSTITUTION_ADMIN, institution=commune)
    procedure = online_procedure(commune, admin=admin)
    client.force_login(admin)
    form = services.form_working_version(actor=admin, procedure=procedure)
    step = form.steps.first()
    new = reverse("applications:field_new", args=[commune.slug, procedure.public_id, step.pk])
    page = client.get(new).content.decode()
    assert 'name="date_range"' in page and "Today or in the past (not in the future)" in page
    data = {"label_fr": "Depuis", "kind": "date", "key": "depuis", "required": "on", "position": 9}
    assert client.post(new, {**data, "date_range": "past"}).status_code == 302
    field = FormField.objects.get(step=step, key="depuis")
    assert (field.min_value, field.max_value) == (None, Decimal(0))
    edit = client.get(reverse("applications:field_edit", args=[commune.slug, procedure.public_id, step.pk, field.pk]))
    assert '<option value="past" selected>' in edit.content.decode()


def test_the_applicant_sees_the_range_and_a_future_date_is_explained_next_to_the_field(client):
    commune = InstitutionFactory()
    admin = staff(Role.INSTITUTION_ADMIN, institution=commune)
    procedure = online_procedure(commune, admin=admin)
    form = services.form_working_version(actor=admin, procedure=procedure)
    step = form.steps.order_by("position").first()
    services.field_save(
        actor=admin,
        procedure=procedure,
        form=form,
        step=step,
        data={"key": "depuis", "kind": FieldKind.DATE, "label_fr": "Depuis", "max_value": 0, "required": True},
    )
    services.form_publish(actor=admin, procedure=procedure, form=form)
    citizen = UserFactory(verified=True)
    application, _created = services.application_start(actor=citizen, procedure=procedure)
    first = services.form_fields(application)[0].step
    client.force_login(citizen)
    url = reverse("applications:step", args=[application.public_id, first.pk])
    with clock.travel_to(TODAY):
        page = client.get(url).content.decode()
        assert "A date on or before 2 December 2026." in page and 'max="2026-12-02"' in page
        answers = {"nom": "Amina", "lotissement": "no", "pieces": "3", "depuis": "2027-01-01"}
        response = client.post(url, answers)
        assert response.status_code == 400
        html = response.content.decode()
        assert 'id="id_depuis_error"' in html and "Enter a date on or before 2 December 2026." in html
        assert client.post(url, {**answers, "depuis": "2020-05-01"}).status_code == 302
