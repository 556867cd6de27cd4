from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit.admin import AuditedModelAdmin
from audit.services import Context
from core.i18n import per_language
from institutions.models import Department, Holiday, Institution, Office, OpeningException, OpeningHours
from institutions.services import holiday_confirm, holiday_delete, holiday_move, holiday_set


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(AuditedModelAdmin):
    list_display = ("name_fr", "short_code", "kind", "on_platform")
    list_filter = ("kind", "on_platform")
    search_fields = (*per_language("name"), "short_code")
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
    search_fields = per_language("name", "address")
    prepopulated_fields = {"slug": ("name_fr",)}
    raw_id_fields = ("institution", "commune")
    inlines = [OpeningHoursInline, OpeningExceptionInline]


@admin.register(Holiday)
class HolidayAdmin(AuditedModelAdmin):
    """Holidays go through the services: confirming, moving, adding or deleting one moves the open deadlines."""

    list_display = ("date", "weekday", "name_fr", "name_ar", "institution", "status")
    list_filter = ("estimated", "country")
    date_hierarchy = "date"
    search_fields = per_language("name")
    raw_id_fields = ("institution",)
    actions = ["confirm"]

    @admin.display(description=_("day"))
    def weekday(self, obj: Holiday) -> str:
        return date_format(obj.date, "l")

    @admin.display(description=_("status"), ordering="estimated")
    def status(self, obj: Holiday) -> str:
        if obj.estimated:
            return str(_("Estimated: to confirm when the moon is sighted"))
        return str(_("Confirmed"))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A holiday changes day, not scope: a national holiday and an institution's day off are different rows.
        return ("country", "institution") if obj is not None else ()

    @admin.action(description=_("Confirm the selected holidays (the announced day is the one listed)"))
    def confirm(self, request: HttpRequest, queryset: QuerySet[Holiday]) -> None:
        context = Context.from_request(request)
        done = 0
        for holiday in queryset.filter(estimated=True):
            holiday_confirm(actor=request.user, holiday=holiday, context=context)
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d holiday confirmed.", "%(count)d holidays confirmed.", done) % {"count": done},
            messages.SUCCESS,
        )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        context = Context.from_request(request)
        if not change:
            saved = holiday_set(
                actor=request.user,
                day=obj.date,
                name_fr=obj.name_fr,
                name_ar=obj.name_ar,
                name_en=obj.name_en,
                institution=obj.institution,
                estimated=obj.estimated,
                context=context,
            )
            obj.pk = saved.pk
            return
        original = Holiday.objects.get(pk=obj.pk)
        new_date, wanted_estimated = obj.date, obj.estimated
        moving = new_date != original.date
        confirming = original.estimated and not wanted_estimated
        # Names (and marking a day estimated again) are plain edits, audited by the base class; the day and its
        # confirmation go through the service, which moves the open deadlines.
        obj.date = original.date
        obj.estimated = original.estimated if confirming else wanted_estimated
        super().save_model(request, obj, form, change)
        if moving or confirming:
            moved = holiday_move(
                actor=request.user, holiday=obj, new_date=new_date, confirm=not wanted_estimated, context=context
            )
            obj.date, obj.estimated = moved.date, moved.estimated

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        holiday_delete(actor=request.user, holiday=obj, context=Context.from_request(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Holiday]) -> None:
        context = Context.from_request(request)
        for holiday in queryset:
            holiday_delete(actor=request.user, holiday=holiday, context=context)
