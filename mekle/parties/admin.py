from django.contrib import admin

from .models import Party


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin[Party]):
    list_display = ["full_name", "role", "case"]
    search_fields = ["full_name", "case__reference"]
    readonly_fields = [f.name for f in Party._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
