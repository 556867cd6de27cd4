from django.contrib import admin

from core.i18n import per_language
from territories.models import Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fr", "name_ar", "level", "kind", "population_2024")
    list_filter = ("level", "kind")
    search_fields = ("code", *per_language("name"))
    raw_id_fields = ("parent",)
