from datetime import time

import factory

from institutions.models import Department, Institution, InstitutionKind, Office, OpeningHours
from territories.models import Level, Territory


def commune(code: str = "04.421.01.0") -> Territory:
    return Territory.objects.get(code=code, level=Level.COMMUNE)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    kind = InstitutionKind.COMMUNE
    slug = factory.Sequence(lambda n: f"institution-{n}")
    short_code = factory.Sequence(lambda n: f"INST{n}")
    name_fr = factory.Sequence(lambda n: f"Commune numéro {n}")
    name_ar = factory.Sequence(lambda n: f"جماعة رقم {n}")
    on_platform = True

    class Params:
        off_platform = factory.Trait(on_platform=False)
        national = factory.Trait(kind=InstitutionKind.NATIONAL)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    institution = factory.SubFactory(InstitutionFactory)
    name_fr = factory.Sequence(lambda n: f"Service {n}")


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        skip_postgeneration_save = True

    institution = factory.SubFactory(InstitutionFactory)
    slug = factory.Sequence(lambda n: f"office-{n}")
    name_fr = factory.Sequence(lambda n: f"Bureau citoyen {n}")
    address_fr = "1 avenue Mohammed V"
    latitude = "34.019200"
    longitude = "-6.835400"

    class Params:
        closed_to_public = factory.Trait(is_active=False)

    @factory.post_generation
    def weekday_hours(self, create, extracted, **kwargs):
        """Monday to Friday, 08:30–16:30 (pass weekday_hours=False for none)."""
        if not create or extracted is False:
            return
        OpeningHours.objects.bulk_create(
            [OpeningHours(office=self, weekday=d, opens=time(8, 30), closes=time(16, 30)) for d in range(5)]
        )
