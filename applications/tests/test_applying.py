"""Applying: the task list, steps with conditions (JavaScript off), uploads, check your answers, the receipt."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from accounts.tests.factories import UserFactory
from applications import services
from applications.models import Application, ApplicationState, FieldKind
from applications.tests.factories import draft, jpeg_with_gps, online_procedure, submitted
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedure():
    return online_procedure()


@pytest.fixture
def citizen():
    return UserFactory(verified=True, full_name="Samira Bennani", phone="+212612345678")


def _steps(application):
    return list(application.form.steps.order_by("position"))


def test_start_opens_one_draft_and_pressing_again_returns_to_it(client, procedure, citizen):
    client.force_login(citizen)
    url = reverse("applications:start", args=[procedure.institution.slug, procedure.slug])
    first = client.post(url)
    second = client.post(url)
    assert Application.objects.filter(applicant=citizen).count() == 1
    assert first["Location"] == second["Location"]
    page = client.get(first["Location"]).content.decode()
    assert "Not started" in page and "Cannot start yet" in page


def test_anonymous_start_asks_to_sign_in_and_an_unverified_account_to_verify(client, procedure):
    url = reverse("applications:start", args=[procedure.institution.slug, procedure.slug])
    assert "/accounts/login/" in client.post(url)["Location"]
    client.force_login(UserFactory())
    assert client.post(url).status_code == 403
    assert not Application.objects.exists()


def test_the_procedure_page_offers_start_only_with_a_published_form(client, procedure):
    url = reverse("procedures:detail", args=[procedure.institution.slug, procedure.slug])
    assert "Start now" in client.get(url).content.decode()
    from procedures.tests.factories import ProcedureFactory

    plain = ProcedureFactory(institution=procedure.institution, state="published")
    page = client.get(reverse("procedures:detail", args=[plain.institution.slug, plain.slug])).content.decode()
    assert "Start now" not in page
    assert 'action="/en/procedures/' not in page


def test_step_is_prefilled_from_the_profile(client, procedure, citizen):
    application = draft(procedure, citizen, complete=False)
    client.force_login(citizen)
    page = client.get(reverse("applications:step", args=[application.public_id, _steps(application)[0].pk]))
    assert 'value="Samira Bennani"' in page.content.decode()


def test_with_javascript_off_a_yes_reveals_the_question_then_requires_it(client, procedure, citizen):
    application = draft(procedure, citizen, complete=False)
    step = _steps(application)[0]
    url = reverse("applications:step", args=[application.public_id, step.pk])
    client.force_login(citizen)
    page = client.get(url).content.decode()
    assert 'data-key="lot"' in page and 'name="_shown" value="nom,lotissement,pieces"' in page
    # The person picks "yes" and continues: the page comes back with the lot number asked, answers kept.
    data = {
        "nom": "Samira Bennani",
        "lotissement": "yes",
        "pieces": "2",
        "_shown": "nom,lotissement,pieces",
        "action": "continue",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith(url)
    application.refresh_from_db()
    assert application.answers["lotissement"] == "yes" and step.pk not in application.steps_done
    again = client.get(url).content.decode()
    assert "lot,pieces" in again or "lotissement,lot" in again
    # Now the lot number is required, and its error sits next to it.
    data["_shown"] = "nom,lotissement,lot,pieces"
    missing = client.post(url, data)
    assert missing.status_code == 400 and "This field is required" in missing.content.decode()
    data["lot"] = "B-12"
    assert client.post(url, data).status_code == 302
    application.refresh_from_db()
    assert application.answers["lot"] == "B-12" and step.pk in application.steps_done


def test_bad_input_is_explained_next_to_the_field_and_nothing_typed_is_lost(client, procedure, citizen):
    application = draft(procedure, citizen, complete=False)
    url = reverse("applications:step", args=[application.public_id, _steps(application)[0].pk])
    client.force_login(citizen)
    response = client.post(
        url,
        {
            "nom": "Samira B.",
            "lotissement": "no",
            "pieces": "40",
            "_shown": "nom,lotissement,pieces",
            "action": "continue",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "less than or equal to 10" in page and 'value="Samira B."' in page and 'value="40"' in page


def test_save_and_come_back_later_keeps_what_is_valid_without_requiring_the_rest(client, procedure, citizen):
    application = draft(procedure, citizen, complete=False)
    url = reverse("applications:step", args=[application.public_id, _steps(application)[0].pk])
    client.force_login(citizen)
    response = client.post(url, {"nom": "Samira", "_shown": "nom,lotissement,pieces", "action": "later"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.answers == {"nom": "Samira"} and application.steps_done == []
    assert "In progress" in client.get(reverse("applications:tasks", args=[application.public_id])).content.decode()
    office = client.get(reverse("portal:my_office")).content.decode()
    assert "Draft:" in office and "Kept until" in office


def _file_url(application):
    return reverse("applications:step", args=[application.public_id, _steps(application)[1].pk])


def _file_key(application):
    return next(f.key for f in services.form_fields(application) if f.kind == FieldKind.FILE)


def test_an_upload_of_the_wrong_type_is_refused_kindly(client, procedure, citizen):
    application = draft(procedure, citizen, complete=False)
    client.force_login(citizen)
    fake = SimpleUploadedFile("plans.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = client.post(_file_url(application), {_file_key(application): fake, "action": "continue", "_shown": ""})
    assert response.status_code == 400
    assert "This file type is not accepted. Accepted: JPEG, PDF, PNG." in response.content.decode()
    assert not application.files.exists()


def test_an_upload_too_large_is_refused_with_the_limit(client, procedure, citizen, settings):
    settings.APPLICATION_UPLOAD_MAX_BYTES = 1024
    application = draft(procedure, citizen, complete=False)
    client.force_login(citizen)
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * 5000, content_type="application/pdf")
    response = client.post(_file_url(application), {_file_key(application): big, "action": "continue"})
    assert response.status_code == 400 and "The limit is" in response.content.decode()


def test_a_good_upload_is_kept_even_when_another_file_is_missing(client, procedure, citizen):
    application = draft(procedure, citizen, complete=False)
    client.force_login(citizen)
    shown = ",".join(f.key for f in services.form_fields(application) if f.kind == FieldKind.FILE)
    response = client.post(
        _file_url(application), {_file_key(application): jpeg_with_gps(), "action": "continue", "_shown": shown}
    )
    assert response.status_code == 400  # the second document is still missing
    stored = application.files.get()
    assert "Received:" in response.content.decode() and stored.original_name == "photo.jpg"


def test_photos_are_re_encoded_without_their_metadata(procedure, citizen):
    from PIL import Image

    application = draft(procedure, citizen, complete=False)
    field = next(f for f in services.form_fields(application) if f.kind == FieldKind.FILE)
    stored = services.draft_attach(actor=citizen, application=application, field=field, upload=jpeg_with_gps())
    data = stored.file.open("rb").read()
    assert b"PhoneCam" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (40, 30) and not image.getexif()


def test_check_answers_then_send_once_with_a_receipt(client, procedure, citizen):
    application = draft(procedure, citizen)
    client.force_login(citizen)
    url = reverse("applications:check", args=[application.public_id])
    page = client.get(url).content.decode()
    assert "Samira Bennani" in page and "Change" in page and "Numéro du lot" not in page
    first = client.post(url)
    second = client.post(url)  # the button pressed twice
    assert first["Location"] == second["Location"]
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED and application.reference.startswith("DEM-")
    assert Notification.objects.filter(recipient=citizen, template="applications_update").count() >= 1
    received = client.get(first["Location"]).content.decode()
    assert application.reference in received and application.secret in received
    assert "What happens next" in received and "Pièce 0" in received
    pdf = client.get(reverse("applications:receipt", args=[application.public_id]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_an_incomplete_application_cannot_be_sent(client, procedure, citizen):
    application = draft(procedure, citizen, complete=False)
    client.force_login(citizen)
    response = client.post(reverse("applications:check", args=[application.public_id]))
    assert response.status_code == 400 and "still need an answer" in response.content.decode()
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT


def test_answers_to_questions_that_no_longer_apply_are_not_sent(procedure, citizen):
    application = draft(procedure, citizen)
    application.answers["lot"] = "B-12"  # answered while "yes", then changed to "no"
    application.save(update_fields=["answers"])
    services.application_submit(actor=citizen, application=application)
    application.refresh_from_db()
    assert "lot" not in application.answers


def test_another_citizen_sees_nothing_of_a_draft_or_a_case(client, procedure, citizen):
    application = submitted(procedure, citizen)
    mine = draft(procedure, UserFactory(verified=True), complete=False)
    client.force_login(UserFactory(verified=True))
    for url in (
        reverse("applications:case", args=[application.public_id]),
        reverse("applications:receipt", args=[application.public_id]),
        reverse("applications:tasks", args=[mine.public_id]),
        reverse("applications:step", args=[mine.public_id, _steps(mine)[0].pk]),
        reverse("applications:check", args=[mine.public_id]),
        reverse("applications:file", args=[application.public_id, application.files.first().public_id]),
    ):
        assert client.get(url).status_code == 404, url


def test_drafts_are_warned_before_they_expire_then_deleted_with_their_files(
    procedure, citizen, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from core import clock

    application = draft(procedure, citizen)
    stored = application.files.first()
    path = stored.file.path
    with clock.travel_to(application.expires_on - timedelta(days=7)):
        assert services.drafts_tidy() == (1, 0)
        assert services.drafts_tidy() == (1, 0)
    assert Notification.objects.filter(recipient=citizen, key__startswith="app-expiring").count() == 2  # in app, email
    with clock.travel_to(application.expires_on + timedelta(days=1)), django_capture_on_commit_callbacks(execute=True):
        assert services.drafts_tidy() == (0, 1)
    assert not Application.objects.filter(pk=application.pk).exists()
    import os

    assert not os.path.exists(path)


def test_application_pages_do_not_grow_with_questions_or_files(
    client, procedure, citizen, django_assert_max_num_queries
):
    application = draft(procedure, citizen)
    client.force_login(citizen)
    urls = [
        reverse("applications:tasks", args=[application.public_id]),
        reverse("applications:step", args=[application.public_id, _steps(application)[0].pk]),
        reverse("applications:check", args=[application.public_id]),
    ]
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200
        assert escape(procedure.title_fr) in response.content.decode()


def test_pressing_enter_in_a_step_saves_it_and_never_removes_a_file(client, procedure, citizen):
    application = draft(procedure, citizen)
    client.force_login(citizen)
    page = client.get(_file_url(application)).content.decode()
    main_form = page.split("data-conditions>")[1].split("</form>")[0]
    assert 'name="remove"' not in main_form and 'form="remove-' in main_form
    assert main_form.index('value="continue"') < main_form.index('value="later"')


def test_hints_typed_by_staff_are_shown_as_text(client, procedure, citizen):
    from applications.models import FormField

    form = services.form_published(procedure)
    FormField.objects.filter(step__form=form, key="nom").update(
        help_fr='<a href="https://evil.example">ici</a>', help_en='<a href="https://evil.example">here</a>'
    )
    application = draft(procedure, citizen, complete=False)
    client.force_login(citizen)
    page = client.get(reverse("applications:step", args=[application.public_id, _steps(application)[0].pk]))
    assert '<a href="https://evil.example">' not in page.content.decode()
    assert "&lt;a href=" in page.content.decode()


def test_a_just_revealed_required_question_is_not_labelled_optional(client, procedure, citizen):
    application = draft(procedure, citizen, complete=False)
    step = _steps(application)[0]
    client.force_login(citizen)
    url = reverse("applications:step", args=[application.public_id, step.pk])
    client.post(
        url, {"nom": "S", "lotissement": "yes", "pieces": "2", "_shown": "nom,lotissement,pieces", "action": "continue"}
    )
    page = client.get(url).content.decode()
    label = page.split('for="id_lot"')[1].split("</label>")[0]
    assert "optional" not in label


def test_a_date_question_keeps_answers_within_its_window_of_days():
    import datetime as dt

    from applications.formlogic import django_field
    from applications.models import FormField
    from core import clock

    field = FormField(key="naissance", kind=FieldKind.DATE, label_fr="Naissance", min_value=-30, max_value=0)
    with clock.travel_to(dt.date(2026, 3, 10)):
        form_field = django_field(field, required=True)
        assert form_field.clean("2026-03-10") == dt.date(2026, 3, 10)
        for outside in ("2026-03-11", "2026-02-07"):
            with pytest.raises(Exception, match="Enter a date on or"):
                form_field.clean(outside)
