from __future__ import annotations

from decimal import Decimal

import factory

from institutions.tests.factories import InstitutionFactory
from procedures.models import Procedure, ProcedureCategory, RequiredDocument


class ProcedureFactory(factory.django.DjangoModelFactory):
    """A national model by default; ``adopted`` gives an institution's published procedure."""

    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"procedure-{n}")
    category = factory.LazyFunction(lambda: ProcedureCategory.objects.get(slug="certificates"))
    title_fr = factory.Sequence(lambda n: f"Certificat numéro {n}")
    title_ar = factory.Sequence(lambda n: f"شهادة رقم {n}")
    purpose_fr = "Atteste quelque chose."
    fee = Decimal("0")
    max_duration = 10
    max_unit = "working_days"

    class Params:
        adopted = factory.Trait(institution=factory.SubFactory(InstitutionFactory), state="published")
        draft = factory.Trait(institution=factory.SubFactory(InstitutionFactory), state="draft")

    @factory.post_generation
    def documents(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            for n in range(extracted if isinstance(extracted, int) else 2):
                RequiredDocument.objects.create(procedure=self, name_fr=f"Pièce {n}", position=n)
