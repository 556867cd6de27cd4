from django.contrib import admin

from territories.models import Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fr", "name_ar", "level", "kind", "population_2024")
    list_filter = ("level", "kind")
    search_fields = ("code", "name_fr", "name_ar")
    raw_id_fields = ("parent",)
