from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Office, OfficeArea, User
from .selectors import POSTCODE


class OfficeForm(forms.ModelForm[Office]):
    class Meta:
        model = Office
        fields = ["code", "name", "region", "phone", "email", "street_address", "postcode", "place", "opening_hours"]

    def clean_postcode(self) -> str:
        postcode: str = self.cleaned_data["postcode"].strip()
        if postcode and not POSTCODE.match(postcode):
            raise forms.ValidationError(_("Enter a postcode of four digits."))
        return postcode


class OfficeAreaForm(forms.ModelForm[OfficeArea]):
    class Meta:
        model = OfficeArea
        fields = ["postcode_from", "postcode_to"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("postcode_from", "postcode_to"):
            if name in cleaned and not POSTCODE.match(cleaned[name]):
                self.add_error(name, _("Enter a postcode of four digits."))
        first, last = cleaned.get("postcode_from", ""), cleaned.get("postcode_to", "")
        if first and last and first > last:
            self.add_error("postcode_to", _("The last postcode cannot come before the first."))
        return cleaned


class OfficeAreaInline(admin.TabularInline[OfficeArea, Office]):
    """The postcode ranges an office serves: a self-referral goes to the office whose range holds it."""

    model = OfficeArea
    form = OfficeAreaForm
    extra = 1


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin[Office]):
    form = OfficeForm
    list_display = ["code", "name", "region", "phone", "email", "place"]
    search_fields = ["code", "name"]
    fieldsets = (
        (None, {"fields": ("code", "name", "region")}),
        (
            _("Contact details"),
            {
                "fields": ("phone", "email", "street_address", ("postcode", "place"), "opening_hours"),
                "description": _(
                    "Shown to parties on the portal's pages, receipts, e-mails and agreements, so they can reach the office."
                ),
            },
        ),
    )
    inlines = [OfficeAreaInline]


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ["username", "first_name", "last_name", "role", "office", "is_active"]
    list_filter = ["role", "office", "is_active", "is_staff"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Mekle"), {"fields": ("office", "role")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Mekle"), {"fields": ("first_name", "last_name", "office", "role")}),
    )
