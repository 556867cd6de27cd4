import pytest
from django.db.models import Sum

from territories.models import Level, Territory
from territories.selectors import territory_communes
from territories.services import territories_import

pytestmark = pytest.mark.django_db


def test_the_whole_map_is_loaded():
    # Loaded once for the run by conftest.django_db_setup through `manage.py import_territories`.
    assert Territory.objects.filter(level=Level.REGION).count() == 12
    assert Territory.objects.filter(level=Level.PROVINCE).count() == 75
    assert Territory.objects.filter(level=Level.COMMUNE).count() == 1503


def test_census_totals_match_the_national_statistics_office():
    regions = Territory.objects.filter(level=Level.REGION)
    assert regions.aggregate(total=Sum("population_2024"))["total"] == 36_828_330
    assert regions.get(code="06").population_2024 == 7_688_967  # Casablanca-Settat
    rsk = regions.get(code="04")
    assert rsk.population_2024 == 5_132_639
    communes_of_rsk = Territory.objects.filter(level=Level.COMMUNE, parent__parent=rsk)
    assert communes_of_rsk.aggregate(total=Sum("population_2024"))["total"] == rsk.population_2024


def test_a_rerun_changes_nothing_and_repairs_an_edited_name():
    rabat = Territory.objects.get(code="04.421.01.0")
    Territory.objects.filter(pk=rabat.pk).update(name_fr="Ribat", population_2024=1)
    result = territories_import()
    assert result.created == 0 and result.updated == 1
    rabat.refresh_from_db()
    assert rabat.name_fr == "Rabat" and rabat.population_2024 == 509_916
    assert territories_import().updated == 0


def test_communes_can_be_searched_in_arabic_and_french():
    assert "04.421.01.0" in [t.code for t in territory_communes(query="الرباط")]
    assert "04.281.01.01" in [t.code for t in territory_communes(query="Kénitra")]


def test_english_name_falls_back_to_french():
    from django.utils import translation

    with translation.override("en"):
        assert str(Territory.objects.get(code="04")) == "Rabat-Salé-Kénitra"
    with translation.override("ar"):
        assert str(Territory.objects.get(code="04")) == "الرباط-سلا-القنيطرة"
