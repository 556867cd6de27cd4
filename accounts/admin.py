from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import ApiKey, IdentityCheck, Membership, User
from audit.admin import AuditedAdminMixin, AuditedModelAdmin, ReadOnlyAdminMixin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("institution", "department")


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "assurance_level", "is_active", "is_staff")
    list_filter = ("is_staff", "is_superuser", "is_active", "assurance_level")
    search_fields = ("email", "full_name")
    raw_id_fields = ("commune",)
    readonly_fields = ("assurance_level", "date_joined", "last_login", "erased_at")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name", "preferred_language", "commune", "phone")}),
        (
            "Status",
            {
                "fields": (
                    "assurance_level",
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "date_joined",
                    "last_login",
                    "erased_at",
                )
            },
        ),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)
    inlines = [MembershipInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # accounts are erased through accounts.services.account_erase, never deleted

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None) -> Any:
        """A platform administrator opening a person's record is recorded (law 09-08)."""
        if request.method == "GET":
            from audit.services import Context, audit_record

            person = User.objects.filter(pk=object_id).first()
            if person is not None:
                audit_record(
                    actor=request.user,
                    action="personal_data.read",
                    obj=person,
                    changes={"via": "admin"},
                    context=Context.from_request(request),
                )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ("user", "institution", "role", "is_active")
    list_filter = ("role", "is_active")
    raw_id_fields = ("user", "institution", "department")


@admin.register(IdentityCheck)
class IdentityCheckAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: checks are made at a desk (accounts.services.identity_check_record)."""

    list_display = ("user", "office", "agent", "checked_at", "document_kind", "revoked_at")
    raw_id_fields = ("user", "office", "agent")


@admin.register(ApiKey)
class ApiKeyAdmin(ReadOnlyAdminMixin, AuditedModelAdmin):
    """Read-only but for revoking: keys are made on the server (``manage.py api_key_create``), shown once there."""

    list_display = ("prefix", "name", "owner", "created_at", "last_used_on", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("prefix", "name", "owner__email")
    raw_id_fields = ("owner",)
    exclude = ("digest",)
    actions = ["revoke"]

    @admin.action(description=gettext_lazy("Revoke the selected API keys"), permissions=["revoke"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        from accounts.services import api_key_revoke
        from audit.services import Context

        context = Context.from_request(request)
        keys = list(queryset.filter(revoked_at__isnull=True))
        for key in keys:
            api_key_revoke(actor=request.user, key=key, context=context)  # type: ignore[arg-type]
        done = ngettext("%(count)d API key revoked.", "%(count)d API keys revoked.", len(keys))
        self.message_user(request, done % {"count": len(keys)}, messages.SUCCESS)

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        from core.rights import is_platform_admin

        return is_platform_admin(request.user)

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        help_text = _(
            'Keys are made on the server with manage.py api_key_create --owner EMAIL --name "…", which shows the '
            "key once; only its digest is kept. Here a key can only be revoked."
        )
        return super().changelist_view(request, {**(extra_context or {}), "subtitle": help_text})
