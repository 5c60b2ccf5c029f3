"""What a party fills in on their own case: consent, withdrawal and the preparation questions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mekle.lib.forms import DesignsystemetForm
from mekle.parties.models import FeelsSafe


class ConsentForm(DesignsystemetForm, forms.Form):
    has_read = forms.BooleanField(
        label=_("I have read the information about mediation."),
        error_messages={"required": _("Tick the box to confirm that you have read the information.")},
    )
    consents = forms.BooleanField(
        label=_("I want to take part in mediation. I know that I can withdraw at any time without giving a reason."),
        error_messages={"required": _("Tick the box if you want to take part.")},
    )


class WithdrawForm(DesignsystemetForm, forms.Form):
    reason = forms.CharField(
        label=_("Would you like to tell us why? (optional)"),
        help_text=_("You do not have to give a reason."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PreparationForm(DesignsystemetForm, forms.Form):
    what_happened = forms.CharField(
        label=_("What happened, in your own words?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    needs = forms.CharField(
        label=_("What do you need now?"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    hopes = forms.CharField(
        label=_("What do you hope will come out of the meeting?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    worries = forms.CharField(
        label=_("Is there anything you are worried about?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    feels_safe = forms.ChoiceField(
        label=_("Do you feel safe meeting the other party?"),
        help_text=_("If you do not feel safe, the mediator will talk with you about other ways to take part."),
        choices=FeelsSafe.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you feel safe meeting the other party.")},
    )
    support_person = forms.CharField(
        label=_("Would you like to bring a support person? Who?"),
        help_text=_("A family member or friend can come with you. Lawyers do not take part in the meeting."),
        required=False,
        max_length=200,
    )
    accessibility_needs = forms.CharField(
        label=_("Do you need anything to take part (step-free access, hearing loop, breaks …)?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    interpreter_language = forms.CharField(
        label=_("Do you need an interpreter? For which language?"), required=False, max_length=100
    )
    suitable_times = forms.CharField(
        label=_("Which days and times suit you for the talk and the meeting?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["feels_safe"].widget.attrs.pop("class", None)
