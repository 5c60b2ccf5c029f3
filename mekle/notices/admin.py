from django.contrib import admin

from .models import StaffNotice


@admin.register(StaffNotice)
class StaffNoticeAdmin(admin.ModelAdmin[StaffNotice]):
    list_display = ["kind", "case", "user", "created_at", "seen_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user", "case", "event"]
