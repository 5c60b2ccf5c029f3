"""What staff fill in on a case's messages page: a message to one party, a reason to open direct
contact despite a safety concern, and a reason to return a held message."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mekle.dialogue.services import MAX_MESSAGE_LENGTH
from mekle.lib.forms import DesignsystemetForm


class StaffMessageForm(DesignsystemetForm, forms.Form):
    """`to` offers the parties of the case; the other parties never see the message."""

    to = forms.ChoiceField(label=_("To"), widget=forms.RadioSelect, error_messages={"required": _("Choose a party.")})
    text = forms.CharField(
        label=_("Your message"),
        help_text=_("Only this party (and their guardians) can read it."),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message.")},
    )
    include_guardians = forms.BooleanField(label=_("Also tell the party's guardians by e-mail"), required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = choices


class OpenContactForm(DesignsystemetForm, forms.Form):
    reason = forms.CharField(
        label=_("Why is direct contact safe now?"),
        help_text=_("Write what you learnt in the preparatory talks. Only the staff of the case read it."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write why direct contact is safe now.")},
    )


class ReturnHeldForm(DesignsystemetForm, forms.Form):
    reason = forms.CharField(
        label=_("Why is the message returned?"),
        help_text=_("The writer reads this. The recipient never sees the message."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the message is returned; the writer will read it.")},
    )
