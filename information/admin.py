"""Platform administrators edit the law's deadlines and the art. 10 categories here (audited).

Requests are not in the admin on purpose: they hold personal data and are handled by the
institutions' information officers in the back office, where every access is scoped.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from audit.admin import AuditedModelAdmin
from core.i18n import per_language
from information.models import Category, InformationDeadline


@admin.register(InformationDeadline)
class InformationDeadlineAdmin(AuditedModelAdmin):
    list_display = ("kind", "duration", "unit", "legal_basis")
    readonly_fields = ("kind",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the kinds are fixed by the code; their values are data

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Category)
class CategoryAdmin(AuditedModelAdmin):
    list_display = ("name_fr", "slug", "in_article_10", "position")
    list_editable = ("position",)
    search_fields = per_language("name")
    prepopulated_fields = {"slug": ("name_fr",)}
