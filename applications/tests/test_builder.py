"""The form builder: versions, questions and their rules, conditions, publishing, and who may do it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import staff
from applications import services
from applications.formlogic import visible_fields
from applications.models import FieldKind, FormField
from applications.tests.factories import draft, online_procedure
from audit.models import AuditEvent
from institutions.tests.factories import InstitutionFactory
from procedures.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    return InstitutionFactory()


@pytest.fixture
def admin(commune):
    return staff(Role.INSTITUTION_ADMIN, institution=commune)


def _fields(procedure):
    form = services.form_published(procedure)
    return list(FormField.objects.filter(step__form=form).order_by("step__position", "position"))


def test_a_question_shown_on_yes_is_hidden_on_no_and_its_dependants_with_it(commune, admin):
    procedure = online_procedure(commune, admin=admin)
    fields = _fields(procedure)
    keys = lambda answers: [f.key for f in visible_fields(fields, answers)]  # noqa: E731
    assert "lot" not in keys({"lotissement": "no"})
    assert "lot" in keys({"lotissement": "yes"})
    assert "lot" not in keys({})


def test_editing_a_published_form_makes_the_next_version_and_applications_keep_theirs(commune, admin):
    procedure = online_procedure(commune, admin=admin)
    started = draft(procedure)
    first = services.form_published(procedure)
    working = services.form_working_version(actor=admin, procedure=procedure)
    assert working.number == first.number + 1 and not working.is_published
    assert FormField.objects.filter(step__form=working).count() == FormField.objects.filter(step__form=first).count()
    step = working.steps.first()
    services.field_save(
        actor=admin,
        procedure=procedure,
        form=working,
        step=step,
        data={"key": "nouveau", "kind": FieldKind.EMAIL, "label_fr": "Courriel", "position": 10},
    )
    services.form_publish(actor=admin, procedure=procedure, form=working)
    started.refresh_from_db()
    assert started.form_id == first.pk
    assert "nouveau" not in [f.key for f in services.form_fields(started)]
    assert draft(procedure).form_id == working.pk
    with pytest.raises(ValidationError):
        services.step_save(actor=admin, procedure=procedure, form=first, data={"title_fr": "Trop tard"})


@pytest.mark.parametrize(
    ("data", "error_field"),
    [
        ({"key": "nom", "kind": FieldKind.TEXT, "label_fr": "Encore"}, "key"),
        ({"key": "x", "kind": FieldKind.CHOICE, "label_fr": "Choix"}, "choices_fr"),
        ({"key": "x", "kind": FieldKind.FILE, "label_fr": "Fichier"}, "document"),
        ({"key": "x", "kind": FieldKind.TEXT, "label_fr": "Motif", "pattern": "([a-z"}, "pattern"),
        ({"key": "x", "kind": FieldKind.NUMBER, "label_fr": "N", "min_value": 5, "max_value": 1}, "max_value"),
        (
            {"key": "x", "kind": FieldKind.TEXT, "label_fr": "Si", "condition_key": "nom", "condition_value": "a"},
            "condition_key",
        ),
        (
            {
                "key": "x",
                "kind": FieldKind.TEXT,
                "label_fr": "Si",
                "condition_key": "lotissement",
                "condition_value": "peut-etre",
            },
            "condition_value",
        ),
    ],
)
def test_a_question_that_cannot_work_is_refused_with_the_reason_next_to_the_field(commune, admin, data, error_field):
    procedure = online_procedure(commune, admin=admin)
    form = services.form_working_version(actor=admin, procedure=procedure)
    with pytest.raises(ValidationError) as raised:
        services.field_save(
            actor=admin, procedure=procedure, form=form, step=form.steps.first(), data={"required": True, **data}
        )
    assert error_field in raised.value.message_dict


def test_a_question_may_only_depend_on_an_earlier_one(commune, admin):
    procedure = online_procedure(commune, admin=admin)
    form = services.form_working_version(actor=admin, procedure=procedure)
    first_step = form.steps.order_by("position").first()
    early = FormField.objects.get(step__form=form, key="nom")
    with pytest.raises(ValidationError) as raised:
        services.field_save(
            actor=admin,
            procedure=procedure,
            form=form,
            step=first_step,
            field=early,
            data={"condition_key": "lotissement", "condition_value": "yes"},
        )
    assert "condition_key" in raised.value.message_dict


def test_publishing_needs_an_upload_for_every_required_document(commune, admin):
    procedure = ProcedureFactory(institution=commune, state="published", documents=1)
    form = services.form_working_version(actor=admin, procedure=procedure)
    with pytest.raises(ValidationError):
        services.form_publish(actor=admin, procedure=procedure, form=form)
    step = services.step_save(actor=admin, procedure=procedure, form=form, data={"title_fr": "Une"})
    services.field_save(
        actor=admin,
        procedure=procedure,
        form=form,
        step=step,
        data={"key": "a", "kind": FieldKind.TEXT, "label_fr": "A"},
    )
    with pytest.raises(ValidationError, match="Pièce 0"):
        services.form_publish(actor=admin, procedure=procedure, form=form)
    services.field_save(
        actor=admin,
        procedure=procedure,
        form=form,
        step=step,
        data={"key": "f", "kind": FieldKind.FILE, "label_fr": "F", "document": procedure.documents.get()},
    )
    services.form_publish(actor=admin, procedure=procedure, form=form)
    assert AuditEvent.objects.filter(action="applications.form_published", institution=commune).exists()


def test_a_question_others_depend_on_cannot_be_removed(commune, admin):
    procedure = online_procedure(commune, admin=admin)
    form = services.form_working_version(actor=admin, procedure=procedure)
    with pytest.raises(ValidationError):
        services.field_delete(
            actor=admin, procedure=procedure, form=form, field=FormField.objects.get(step__form=form, key="lotissement")
        )


def test_only_the_institutions_admin_builds_its_forms(commune, admin):
    procedure = online_procedure(commune, admin=admin)
    for actor in (staff(Role.CASE_OFFICER, institution=commune), staff(Role.INSTITUTION_ADMIN)):
        with pytest.raises(PermissionDenied):
            services.form_working_version(actor=actor, procedure=procedure)


def test_builder_pages_add_a_step_and_a_conditional_question_without_javascript(client, commune, admin):
    procedure = online_procedure(commune, admin=admin)
    client.force_login(admin)
    url = reverse("applications:builder", args=[commune.slug, procedure.public_id])
    response = client.post(url, {"step-title_fr": "Travaux", "step-position": 3})
    assert response.status_code == 302
    form = services.form_working_version(actor=admin, procedure=procedure)
    step = form.steps.get(title_fr="Travaux")
    new = reverse("applications:field_new", args=[commune.slug, procedure.public_id, step.pk])
    page = client.get(new).content.decode()
    assert 'value="lotissement=yes"' in page  # "shown when" is one select, no script needed
    bad = client.post(
        new,
        {
            "label_fr": "Hauteur",
            "kind": "number",
            "key": "hauteur",
            "required": "on",
            "min_value": "10",
            "max_value": "2",
            "position": 1,
            "condition": "lotissement=yes",
        },
    )
    assert bad.status_code == 400 and "Hauteur" in bad.content.decode()  # what was typed is kept
    good = client.post(
        new,
        {
            "label_fr": "Hauteur",
            "kind": "number",
            "key": "hauteur",
            "required": "on",
            "min_value": "1",
            "max_value": "20",
            "position": 1,
            "condition": "lotissement=yes",
        },
    )
    assert good.status_code == 302
    field = FormField.objects.get(step=step, key="hauteur")
    assert (field.condition_key, field.condition_value) == ("lotissement", "yes")
    assert (
        client.post(
            reverse("applications:builder_publish", args=[commune.slug, procedure.public_id]), {"confirm": "yes"}
        ).status_code
        == 302
    )
    assert services.form_published(procedure).number == form.number


def test_builder_pages_refuse_other_roles_and_institutions(client, commune, admin):
    procedure = online_procedure(commune, admin=admin)
    url = reverse("applications:builder", args=[commune.slug, procedure.public_id])
    assert client.get(url).status_code == 302  # anonymous: sign in
    client.force_login(staff(Role.CASE_OFFICER, institution=commune))
    assert client.get(url).status_code == 403
    other = staff(Role.INSTITUTION_ADMIN)
    client.force_login(other)
    slug = other.memberships.get().institution.slug
    assert client.get(reverse("applications:builder", args=[slug, procedure.public_id])).status_code == 404


def test_builder_page_does_not_grow_with_questions(client, commune, admin, django_assert_max_num_queries):
    procedure = online_procedure(commune, admin=admin)
    client.force_login(admin)
    url = reverse("applications:builder", args=[commune.slug, procedure.public_id])
    client.get(url)
    form = services.form_working_version(actor=admin, procedure=procedure)
    for n in range(15):
        services.field_save(
            actor=admin,
            procedure=procedure,
            form=form,
            step=form.steps.first(),
            data={"key": f"q{n}", "kind": FieldKind.TEXT, "label_fr": f"Q{n}", "position": 20 + n},
        )
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    assert "Q14" in response.content.decode()


def _publish_url(procedure):
    return reverse("applications:builder_publish", args=[procedure.institution.slug, procedure.public_id])


def test_the_builder_lists_texts_missing_a_language_and_asks_before_publishing(client, commune, admin):
    from audit.models import AuditEvent

    procedure = online_procedure(commune, admin=admin)  # questions written in French only
    form = services.form_working_version(actor=admin, procedure=procedure)
    client.force_login(admin)
    page = client.get(reverse("applications:builder", args=[commune.slug, procedure.public_id])).content.decode()
    assert "Texts missing a language" in page and "Question “Nom”: not in Arabic, Amazigh, English" in page
    assert f'<a class="button" href="{_publish_url(procedure)}">' in page  # a link to the question, not a POST
    asked = client.get(_publish_url(procedure))
    assert asked.status_code == 200
    assert "Question “Nom” is not written in: Arabic, Amazigh, English." in asked.content.decode()
    refused = client.post(_publish_url(procedure))  # never silently
    assert refused.status_code == 400
    assert services.form_published(procedure).number != form.number
    assert client.post(_publish_url(procedure), {"confirm": "yes"}).status_code == 302
    assert services.form_published(procedure).number == form.number
    event = AuditEvent.objects.filter(action="applications.form_published").latest("pk")
    assert event.changes["missing_languages"]["Question “Nom”"] == ["ar", "zgh", "en"]


def test_a_form_in_every_language_publishes_at_once(client, commune, admin):
    from applications.models import FormField, FormStep

    procedure = online_procedure(commune, admin=admin)
    form = services.form_working_version(actor=admin, procedure=procedure)
    FormStep.objects.filter(form=form).update(title_ar="خطوة", title_zgh="ⴰⵙⵓⵔⵉⴼ", title_en="Step")
    FormField.objects.filter(step__form=form).update(label_ar="سؤال", label_zgh="ⴰⵙⵇⵙⵉ", label_en="Question")
    client.force_login(admin)
    page = client.get(reverse("applications:builder", args=[commune.slug, procedure.public_id])).content.decode()
    assert "Every text of this version is written in every language of the site." in page
    assert client.post(_publish_url(procedure)).status_code == 302
    assert services.form_published(procedure).number == form.number
