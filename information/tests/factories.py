from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from accounts.tests.factories import UserFactory, staff
from core import clock
from core.pdf import minimal_pdf
from information.models import (
    Category,
    InformationRequest,
    Outcome,
    Publication,
    PublicationFile,
    RequestState,
)
from institutions.tests.factories import InstitutionFactory

# A real one-page PDF: uploads are opened with a PDF parser (core.validators.pdf_check).
PDF = minimal_pdf("Document")


def pdf_upload(name: str = "document.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def category(slug: str = "budget") -> Category:
    return Category.objects.get(slug=slug)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication
        skip_postgeneration_save = True

    institution = factory.SubFactory(InstitutionFactory)
    category = factory.LazyFunction(category)
    language = "fr"
    # ``title`` and ``summary`` are in the document's language; the other languages are left empty
    title_fr = factory.LazyAttribute(lambda o: o.title if o.language == "fr" else "")
    title_ar = factory.LazyAttribute(lambda o: o.title if o.language == "ar" else "")
    title_en = factory.LazyAttribute(lambda o: o.title if o.language == "en" else "")
    summary_fr = factory.LazyAttribute(lambda o: o.summary if o.language == "fr" else "")
    summary_ar = factory.LazyAttribute(lambda o: o.summary if o.language == "ar" else "")
    summary_en = factory.LazyAttribute(lambda o: o.summary if o.language == "en" else "")
    published_on = date(2026, 3, 2)
    tags = "budget, finances"

    class Params:
        title = factory.Sequence(lambda n: f"Budget {2020 + n % 6} report {n}")
        summary = "Execution of the communal budget."
        withdrawn = factory.Trait(state="withdrawn", withdrawn_reason="Replaced")

    @factory.post_generation
    def with_file(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False:
            PublicationFile.objects.create(publication=self, file=pdf_upload(), size=len(PDF))  # type: ignore[misc]


class InformationRequestFactory(factory.django.DjangoModelFactory):
    """A row as the services leave it; use the services themselves to test transitions."""

    class Meta:
        model = InformationRequest

    reference = factory.Sequence(lambda n: f"INF-TEST-2026-{n:06d}")
    institution = factory.SubFactory(InstitutionFactory)
    requester = factory.SubFactory(UserFactory, verified=True)
    subject = factory.Sequence(lambda n: f"Street lighting contract {n}")
    body = "Please send the contract for street lighting maintenance."
    public_subject = factory.LazyAttribute(lambda o: o.subject)
    public_body = factory.LazyAttribute(lambda o: o.body)
    delivery_format = "electronic"
    received_on = factory.LazyFunction(clock.today)
    clock_started_on = factory.LazyAttribute(lambda o: o.received_on)
    due_on = factory.LazyAttribute(lambda o: o.received_on + timedelta(days=28))
    long_due_on = factory.LazyAttribute(lambda o: o.received_on + timedelta(days=56))

    class Params:
        private = factory.Trait(is_public=False)
        overdue = factory.Trait(
            received_on=factory.LazyFunction(lambda: clock.today() - timedelta(days=40)),
            due_on=factory.LazyFunction(lambda: clock.today() - timedelta(days=10)),
            long_due_on=factory.LazyFunction(lambda: clock.today() + timedelta(days=18)),
            state=RequestState.IN_PROGRESS,
        )
        answered = factory.Trait(
            state=RequestState.ANSWERED,
            outcome=Outcome.FULL,
            answer_text="Here is the contract.",
            public_answer="Here is the contract.",
            answered_on=factory.LazyFunction(clock.today),
            answered_working_days=5,
            answered_on_time=True,
        )


def officer(institution: Any) -> Any:
    return staff(Role.INFORMATION_OFFICER, institution=institution)


def head(institution: Any) -> Any:
    return staff(Role.DECISION_MAKER, institution=institution)
