"""Forms of the cooperation journal: sign-up and sign-in, entries, proposals, answers, mediation, deletion."""

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from mekle.journal import rules as journal_rules
from mekle.journal.models import AnswerChoice, EntryKind
from mekle.lib import clock
from mekle.lib.forms import DesignsystemetForm
from mekle.parties.models import Language, PartyRole
from mekle.parties.services import PartyInput


class SignUpForm(DesignsystemetForm, forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=200, widget=forms.TextInput({"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send you a link to sign in. Nobody else sees your address."),
        widget=forms.EmailInput({"autocomplete": "email"}),
    )


class EntryForm(DesignsystemetForm, forms.Form):
    """A message, a note of a call or meeting, an offer of mediation, or a correction."""

    text = forms.CharField(
        label=_("What do you want to write down?"), max_length=5000, widget=forms.Textarea({"rows": 6})
    )
    happened_on = forms.DateField(
        label=_("When did it happen?"),
        required=False,
        help_text=_("Leave empty if it happened today."),
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind in (EntryKind.MESSAGE, EntryKind.CORRECTION, EntryKind.MEDIATION_OFFER):
            del self.fields["happened_on"]
        else:
            today = clock.today()
            self.fields["happened_on"].widget.attrs.update(
                min=journal_rules.earliest_happened_on(today).isoformat(), max=today.isoformat()
            )
        if kind == EntryKind.MESSAGE:
            self.fields["text"].label = _("Your message")
            self.fields["text"].help_text = _("Write it calmly, as if the other parent and the child could read it.")
        elif kind == EntryKind.CORRECTION:
            self.fields["text"].label = _("What is the correct version?")

    def clean_happened_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("happened_on")
        for reason in journal_rules.happened_on_refusals(day, clock.today()):
            raise forms.ValidationError(reason)
        return day


class ProposalForm(DesignsystemetForm, forms.Form):
    text = forms.CharField(
        label=_("Your proposal"),
        max_length=3000,
        help_text=_("For example a time for handing over the child. Concrete and short is easiest to answer."),
        widget=forms.Textarea({"rows": 6}),
    )
    recipient_email = forms.EmailField(
        label=_("The other parent's e-mail address"),
        help_text=_(
            "They get a neutral e-mail with a link. We do not keep the address after sending, and never show it."
        ),
        widget=forms.EmailInput({"autocomplete": "off"}),
    )


class AnswerForm(DesignsystemetForm, forms.Form):
    choice = forms.ChoiceField(label=_("Your answer"), choices=AnswerChoice.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Reason or your own suggestion"),
        required=False,
        max_length=3000,
        help_text=_("Optional when you accept or decline. Needed if you suggest something else."),
        widget=forms.Textarea({"rows": 5}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("choice") == AnswerChoice.COUNTER and not cleaned.get("text", "").strip():
            self.add_error("text", _("Write what you suggest instead."))
        return cleaned


SHARE_CHOICES = [
    ("all", _("All entries")),
    ("chosen", _("Only the entries I choose")),
    ("none", _("None")),
]


class AskForMediationForm(DesignsystemetForm, forms.Form):
    postcode = forms.CharField(
        label=_("Your postcode"),
        max_length=4,
        help_text=_("Four digits. We use it to find the mediation office nearest you."),
        validators=[RegexValidator(r"^\d{4}$", _("Enter a postcode of four digits, for example 0150."))],
        widget=forms.TextInput({"autocomplete": "postal-code", "inputmode": "numeric", "size": "4", "maxlength": "4"}),
    )
    description = forms.CharField(
        label=_("What would you like help with?"),
        max_length=3000,
        help_text=_("A few sentences are enough. A caseworker will talk with you about the rest."),
        widget=forms.Textarea({"rows": 5}),
    )
    other_name = forms.CharField(label=_("The other parent's name"), max_length=200)
    other_email = forms.EmailField(label=_("Their e-mail address, if you want us to contact them"), required=False)
    preferred_language = forms.ChoiceField(
        label=_("Which language would you like us to use?"),
        choices=[(value, label) for value, label in Language.choices if value != Language.OTHER],
        initial=Language.BOKMAL,
    )
    share = forms.ChoiceField(
        label=_("Share your journal with the mediation service?"),
        choices=SHARE_CHOICES,
        initial="none",
        widget=forms.RadioSelect,
        help_text=_("Only the caseworker and mediator of the case read what you share. You can also share nothing."),
    )
    entries = forms.TypedMultipleChoiceField(
        label=_("Entries to share"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only if you chose “Only the entries I choose”."),
    )
    understood = forms.BooleanField(
        label=_("I understand that this is not the family mediation that gives a mediation certificate"),
    )

    def __init__(self, *args: Any, entry_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = entry_choices
        self.all_sequences = [sequence for sequence, _label in entry_choices]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("share") == "chosen" and not cleaned.get("entries"):
            self.add_error("entries", _("Choose the entries to share, or choose “None”."))
        return cleaned

    def shared_sequences(self) -> list[int]:
        share = self.cleaned_data["share"]
        if share == "all":
            return list(self.all_sequences)
        return list(self.cleaned_data["entries"]) if share == "chosen" else []

    def requester(self, *, full_name: str, email: str) -> PartyInput:
        return PartyInput(
            full_name=full_name,
            role=PartyRole.OTHER,
            email=email,
            preferred_language=self.cleaned_data["preferred_language"],
        )

    def other_party(self) -> PartyInput:
        return PartyInput(
            full_name=self.cleaned_data["other_name"], role=PartyRole.OTHER, email=self.cleaned_data["other_email"]
        )


class DeleteJournalForm(DesignsystemetForm, forms.Form):
    confirm = forms.BooleanField(label=_("Yes, delete my account and my journal"))
