from django.contrib import admin

from core.admin import AuditedModelAdmin
from institutions.models import Department, Holiday, Institution, Office, OpeningException, OpeningHours


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(AuditedModelAdmin):
    list_display = ("name_fr", "short_code", "kind", "on_platform")
    list_filter = ("kind", "on_platform")
    search_fields = ("name_fr", "name_ar", "name_en", "short_code")
    prepopulated_fields = {"slug": ("name_fr",)}
    raw_id_fields = ("territory", "parent")
    inlines = [DepartmentInline]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class OpeningExceptionInline(admin.TabularInline):
    model = OpeningException
    extra = 0


@admin.register(Office)
class OfficeAdmin(AuditedModelAdmin):
    list_display = ("name_fr", "institution", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name_fr", "name_ar", "address")
    prepopulated_fields = {"slug": ("name_fr",)}
    raw_id_fields = ("institution", "commune")
    inlines = [OpeningHoursInline, OpeningExceptionInline]


@admin.register(Holiday)
class HolidayAdmin(AuditedModelAdmin):
    list_display = ("date", "name_fr", "name_ar", "institution", "estimated")
    list_filter = ("estimated", "country")
    date_hierarchy = "date"
    search_fields = ("name_fr", "name_ar")
    raw_id_fields = ("institution",)
