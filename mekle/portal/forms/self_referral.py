"""The public self-referral form: who is asking, what it is about, and who the other person is."""

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.forms.boundfield import BoundField
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mekle.lib.forms import DesignsystemetForm
from mekle.parties.models import Language, PartyRole
from mekle.parties.services import PartyInput

HONEYPOT = "website"

ABOUT_YOU = ("full_name", "email", "phone", "postcode")
THE_CONFLICT = ("description",)
THE_OTHER_PERSON = ("other_name", "other_phone", "other_email", "other_address")
LANGUAGE = ("preferred_language", "other_language", "needs_interpreter")


class SelfReferralForm(DesignsystemetForm, forms.Form):
    messages = {
        "full_name": {"required": _("Enter your name.")},
        "email": {"required": _("Enter your e-mail address, so that we can send you a link.")},
        "postcode": {"required": _("Enter your postcode, four digits.")},
        "description": {"required": _("Write a few sentences about what the conflict is about.")},
        "other_name": {"required": _("Enter the other person's name, or describe who it is.")},
        "preferred_language": {"required": _("Choose the language you would like us to use.")},
    }
    full_name = forms.CharField(label=_("Your name"), max_length=200, widget=forms.TextInput({"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send you a link to your own page here."),
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        required=False,
        max_length=30,
        help_text=_("If you would like us to call you."),
        widget=forms.TextInput({"autocomplete": "tel", "inputmode": "tel"}),
    )
    postcode = forms.CharField(
        label=_("Your postcode"),
        max_length=4,
        help_text=_("Four digits. We use it to find the mediation office nearest you."),
        validators=[RegexValidator(r"^\d{4}$", _("Enter a postcode of four digits, for example 0150."))],
        widget=forms.TextInput({"autocomplete": "postal-code", "inputmode": "numeric", "size": "4", "maxlength": "4"}),
    )
    description = forms.CharField(
        label=_("What is the conflict about?"),
        max_length=3000,
        help_text=_("A few sentences are enough. A caseworker will talk with you about the rest."),
        widget=forms.Textarea({"rows": 6}),
    )
    other_name = forms.CharField(
        label=_("The other person's name"),
        max_length=200,
        help_text=_("If you do not know the name, describe who it is, for example “the neighbour in flat 3B”."),
    )
    other_phone = forms.CharField(label=_("Their phone number, if you know it"), required=False, max_length=30)
    other_email = forms.EmailField(label=_("Their e-mail address, if you know it"), required=False)
    other_address = forms.CharField(label=_("Their address, if you know it"), required=False, max_length=300)
    preferred_language = forms.ChoiceField(
        label=_("Which language would you like us to use?"), choices=Language.choices, widget=forms.RadioSelect
    )
    other_language = forms.CharField(
        label=_("Other language"), required=False, max_length=100, help_text=_("Only if you chose “Other”.")
    )
    needs_interpreter = forms.BooleanField(label=_("I need an interpreter"), required=False)
    # Left empty by people, who never see it; filled in by robots that fill in every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput({"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = get_language() or Language.BOKMAL
        self.fields["preferred_language"].initial = current if current in Language.values else Language.BOKMAL

    def clean_postcode(self) -> str:
        postcode: str = self.cleaned_data["postcode"]
        return postcode.strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("preferred_language") == Language.OTHER and not cleaned.get("other_language", "").strip():
            self.add_error("other_language", _("Write which language you would like."))
        return cleaned

    @property
    def is_robot(self) -> bool:
        """The hidden field was filled in: a robot, most likely. Call after validating."""
        return bool(self.cleaned_data.get(HONEYPOT, "").strip())

    def groups(self) -> list[tuple[Any, list[BoundField]]]:
        """The visible fields in the fieldsets the page shows, each with its legend."""
        sections = [
            (_("About you"), ABOUT_YOU),
            (_("The conflict"), THE_CONFLICT),
            (_("The other person"), THE_OTHER_PERSON),
            (_("Language"), LANGUAGE),
        ]
        return [(legend, [self[name] for name in names]) for legend, names in sections]

    def requester(self) -> PartyInput:
        d = self.cleaned_data
        language = d["preferred_language"]
        return PartyInput(
            full_name=d["full_name"],
            role=PartyRole.VICTIM,
            email=d["email"],
            phone=d["phone"],
            preferred_language=language,
            other_language=d["other_language"] if language == Language.OTHER else "",
            needs_interpreter=d["needs_interpreter"],
        )

    def other_party(self) -> PartyInput:
        d = self.cleaned_data
        return PartyInput(
            full_name=d["other_name"],
            role=PartyRole.OTHER,
            email=d["other_email"],
            phone=d["other_phone"],
            address=d["other_address"],
        )
