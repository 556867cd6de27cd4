from django.contrib import admin

from associations.models import Association, AssociationMember
from audit.admin import AuditedModelAdmin


class MemberInline(admin.TabularInline):
    model = AssociationMember
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Association)
class AssociationAdmin(AuditedModelAdmin):
    list_display = ("name", "registration_number", "registered_with", "verified_at")
    search_fields = ("name", "registration_number")
    raw_id_fields = ("registered_with", "commune", "verified_by")
    inlines = [MemberInline]
