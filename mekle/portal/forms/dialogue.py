"""What a party fills in for messages, proposals and the good-faith record check."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mekle.dialogue.models import ProposalKind
from mekle.dialogue.services import MAX_MESSAGE_LENGTH
from mekle.lib.forms import DesignsystemetForm
from mekle.lib.uploads import content_type_of

# A good-faith record's JSON, or its PDF: even a record of years of messages is far smaller.
RECORD_MAX_BYTES = 5_000_000


class MessageForm(DesignsystemetForm, forms.Form):
    """`to` offers whom the party may write to now: the other parties while direct contact is open,
    and the staff of the case."""

    to = forms.ChoiceField(label=_("To"), widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write a message.")},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = choices
        if len(choices) == 1:
            self.fields["to"].initial = choices[0][0]


class DirectContactForm(DesignsystemetForm, forms.Form):
    """The person harmed decides on direct messages with the other party; nobody else can."""

    choice = forms.ChoiceField(
        label=_("Do you want to be able to write directly with the other party?"),
        choices=[("yes", _("Yes, I want direct messages")), ("no", _("No, only through the staff"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    hold_flagged = forms.BooleanField(
        label=_("Let the office read a message that the tone check flags before I see it"),
        help_text=_("The office delivers it to you or returns it to the writer, within one working day."),
        required=False,
        initial=True,
    )


class ProposalForm(DesignsystemetForm, forms.Form):
    """`to` offers the other parties who receive messages (for a counter-proposal: the proposer)."""

    to = forms.ChoiceField(label=_("To"), widget=forms.RadioSelect)
    kind = forms.ChoiceField(label=_("What is it about?"), choices=ProposalKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Your proposal"),
        help_text=_("Say plainly what you propose, for example who picks up the children, when and where."),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the proposal.")},
    )
    amount = forms.DecimalField(
        label=_("Amount in NOK (only for a payment)"), required=False, min_value=1, max_digits=10, decimal_places=2
    )
    instalments = forms.IntegerField(label=_("In how many instalments?"), required=False, min_value=1, max_value=60)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = choices
        if len(choices) == 1:
            self.fields["to"].initial = choices[0][0]


class DeclineForm(DesignsystemetForm, forms.Form):
    reason = forms.CharField(
        label=_("Would you like to say why? (optional)"),
        help_text=_("You do not have to give a reason."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RecordCodeForm(DesignsystemetForm, forms.Form):
    code = forms.CharField(
        label=_("Record code"),
        help_text=_("For example K7QD-3M9X-2RTA, at the top of the record."),
        max_length=20,
        error_messages={"required": _("Enter the record code.")},
    )
    fingerprint = forms.CharField(
        label=_("Fingerprint (record hash)"),
        help_text=_("The long line of letters and digits under the record code."),
        max_length=80,
        error_messages={"required": _("Enter the fingerprint.")},
    )


def _a_record_file(upload: Any) -> None:
    """Checked before the file is read: its size and, by its first bytes, its kind."""
    if upload.size > RECORD_MAX_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(size)s MB: it is not a record from Mekle."),
            params={"size": RECORD_MAX_BYTES // 10**6},
        )
    if content_type_of(upload) not in ("application/json", "application/pdf"):
        raise forms.ValidationError(
            _("This file is not a record from Mekle. Choose the record's JSON file or its PDF.")
        )


class RecordFileForm(DesignsystemetForm, forms.Form):
    file = forms.FileField(
        validators=[_a_record_file],
        label=_("The record's PDF or JSON file"),
        help_text=_("The PDF as Mekle made it, or the JSON file attached to it or downloaded with it."),
        error_messages={"required": _("Choose the PDF or the JSON file.")},
    )
