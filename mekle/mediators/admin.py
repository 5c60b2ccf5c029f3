from django.contrib import admin

from .models import TieDeclaration


@admin.register(TieDeclaration)
class TieDeclarationAdmin(admin.ModelAdmin[TieDeclaration]):
    list_display = ["mediator", "party", "description", "declared_at"]
    readonly_fields = ["mediator", "party", "description", "declared_at", "recorded_by"]

    def has_add_permission(self, request: object) -> bool:
        return False
