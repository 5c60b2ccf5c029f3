"""What a party fills in on their own case: consent, withdrawal and the preparation questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mekle.lib.forms import DesignsystemetForm
from mekle.parties.models import FeelsSafe


class ConsentForm(DesignsystemetForm, forms.Form):
    """Yes or no, in one question: the information is on the same page, and "yes" says it was read."""

    YES, NO = "yes", "no"

    answer = forms.ChoiceField(
        label=_("Do you want to take part in mediation?"),
        choices=[
            (
                YES,
                _(
                    "Yes, I want to take part. I have read the information, and I know that I can withdraw at any time without giving a reason."
                ),
            ),
            (NO, _("No, I do not want to take part.")),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "If you answer no, the case is closed for everyone in it, and no meeting takes place. The service that sent us the case is told that mediation did not happen. You do not have to give a reason."
        ),
        error_messages={"required": _("Choose yes or no."), "invalid_choice": _("Choose yes or no.")},
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
