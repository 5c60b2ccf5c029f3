"""Input shapes for writing an agreement, recording paper signatures and deciding approval."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from mekle.agreements import rules as agreement_rules
from mekle.agreements.models import CommitmentKind
from mekle.agreements.services import (
    SCANNED_COPY_MAX_BYTES,
    CommitmentInput,
    cooling_off_days_for,
    money_allowed,
    scanned_copy_problem,
)
from mekle.cases.models import Case
from mekle.lib import clock
from mekle.lib.forms import BoundedFormSet, DesignsystemetForm
from mekle.parties.models import Party

from .forms import DateInput, limit_dates

EXTRA_ROWS = 1  # one empty commitment to start with, and one more each time one is added
MAX_COMMITMENTS = 50


class DraftForm(DesignsystemetForm, forms.Form):
    introduction = forms.CharField(
        label=_("Introduction, in the parties' own words"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What happened and what the parties want to say to each other. There is no standard form."),
    )
    fulfilment_date = forms.DateField(
        label=_("Fulfilment date"),
        widget=DateInput(),
        help_text=_("Everything in the agreement is to be done by this date. It is followed up then."),
    )
    cooling_off_days = forms.IntegerField(
        label=_("Cooling-off period (days)"),
        min_value=0,
        max_value=60,
        initial=0,
        help_text=_("In civil cases there is a cooling-off period only if the parties agree on one. 0 means none."),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        if case.is_criminal:
            del self.fields["cooling_off_days"]  # always 14 days: nothing to choose
        today = clock.today()
        limit_dates(
            self.fields["fulfilment_date"],
            earliest=agreement_rules.earliest_effect(today, cooling_off_days_for(case)),
            latest=agreement_rules.latest_fulfilment_date(today),
        )

    @property
    def takes_effect_on(self) -> dt.date:
        """The earliest the agreement can take effect: approved today, after the cooling-off period chosen here."""
        chosen = self.cleaned_data.get("cooling_off_days") or 0
        return agreement_rules.earliest_effect(clock.today(), cooling_off_days_for(self.case, chosen))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("fulfilment_date") is not None and "cooling_off_days" not in self.errors:
            for reason in agreement_rules.fulfilment_date_refusals(
                fulfilment_date=data["fulfilment_date"], takes_effect_on=self.takes_effect_on, today=clock.today()
            ):
                self.add_error("fulfilment_date", reason)
        return data


class CommitmentForm(DesignsystemetForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Choose …")), *CommitmentKind.choices])
    party = forms.TypedChoiceField(label=_("Who"), coerce=int)
    description = forms.CharField(
        label=_("What"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("In plain words.")
    )
    beneficiary = forms.TypedChoiceField(label=_("For whom"), coerce=int, required=False, empty_value=None)
    due_on = forms.DateField(
        label=_("By when"),
        widget=DateInput(),
        help_text=_("Not before the agreement takes effect, and by the fulfilment date at the latest."),
    )
    amount = forms.DecimalField(
        label=_("Amount (NOK)"),
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("Only for a payment."),
    )
    instalments = forms.IntegerField(
        label=_("Number of instalments"), required=False, min_value=1, max_value=120, help_text=_("Only for a payment.")
    )

    def __init__(self, *args: Any, case: Case, party_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["party"].choices = [("", _("Choose …")), *party_choices]
        self.fields["beneficiary"].choices = [("", _("Nobody in particular")), *party_choices]
        today = clock.today()
        self.fields["due_on"].widget.attrs.update(
            min=agreement_rules.earliest_effect(today, cooling_off_days_for(case)).isoformat(),
            max=agreement_rules.latest_fulfilment_date(today).isoformat(),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") != CommitmentKind.PAYMENT:
            for name in ("amount", "instalments"):
                if data.get(name) is not None:
                    self.add_error(
                        name, _("Only a payment has an amount and instalments. Empty the field, or choose Payment.")
                    )
            return data
        if not money_allowed(self.case):
            self.add_error(
                "kind",
                _(
                    "An agreement in a youth follow-up or youth sentence case cannot contain money compensation. "
                    "Compensation must be settled before the case is transferred."
                ),
            )
            return data
        if data.get("amount") is None:
            self.add_error("amount", _("Give the amount in NOK."))
        if data.get("beneficiary") is None:
            self.add_error("beneficiary", _("Say who is to be paid."))
        return data


def commitment_dates_fit(form: DraftForm, formset: Any) -> bool:
    """Place the agreement rules' date refusals on each commitment's date; True when every date fits.

    Call once the draft form and the formset are valid: the rules need the fulfilment date and the
    cooling-off period the draft form gives.
    """
    fits = True
    for row in formset.forms:
        data = row.cleaned_data
        if not data or data.get("DELETE"):
            continue
        for reason in agreement_rules.due_date_refusals(
            due_on=data["due_on"],
            fulfilment_date=form.cleaned_data["fulfilment_date"],
            takes_effect_on=form.takes_effect_on,
            today=clock.today(),
        ):
            row.add_error("due_on", reason)
            fits = False
    return fits


def commitment_inputs(formset: Any, parties: dict[int, Party]) -> list[CommitmentInput]:
    """The commitments of a valid formset; empty extra rows are ignored, and a ticked "Delete" drops a row."""
    inputs = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        payment = data["kind"] == CommitmentKind.PAYMENT
        inputs.append(
            CommitmentInput(
                kind=data["kind"],
                party=parties[data["party"]],
                description=data["description"],
                due_on=data["due_on"],
                beneficiary=parties.get(data["beneficiary"]) if data["beneficiary"] else None,
                amount=data["amount"] if payment else None,
                instalments=data["instalments"] if payment else None,
            )
        )
    return inputs


class BaseCommitmentFormSet(BoundedFormSet):
    too_many = _("An agreement can have at most %(num)d commitments.")
    row_label = _("Commitment %(number)s")  # names the row in the page's error summary


CommitmentFormSet = forms.formset_factory(
    CommitmentForm,
    formset=BaseCommitmentFormSet,
    extra=EXTRA_ROWS,
    can_delete=True,
    max_num=MAX_COMMITMENTS,
    absolute_max=MAX_COMMITMENTS,
    validate_max=True,
)


class PaperSignatureForm(DesignsystemetForm, forms.Form):
    signer = forms.ChoiceField(label=_("Who signed"), widget=forms.RadioSelect)
    signed_on = forms.DateField(label=_("Date of the signature"), widget=DateInput())
    scanned_copy = forms.FileField(
        label=_("Scanned copy of the signed paper (optional)"),
        required=False,
        help_text=format_lazy(
            _("A PDF, PNG or JPEG of the signed page, at most {} MB."), SCANNED_COPY_MAX_BYTES // 10**6
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )
    confirm = forms.BooleanField(
        label=_("The person signed this version on paper, of their own free will, and knows they may withdraw."),
        error_messages={"required": _("Tick the box to confirm the signature.")},
    )

    def __init__(
        self, *args: Any, signer_choices: list[tuple[str, str]], sent_on: dt.date | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signer"].choices = signer_choices
        self.sent_on = sent_on
        limit_dates(self.fields["signed_on"], earliest=sent_on, latest=clock.today())

    def clean_scanned_copy(self) -> Any:
        upload = self.cleaned_data["scanned_copy"]
        if upload and (problem := scanned_copy_problem(upload)):
            raise forms.ValidationError(problem, code="invalid_scanned_copy")
        return upload

    def clean_signed_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["signed_on"]
        for reason in agreement_rules.signature_date_refusals(signed_on=day, sent_on=self.sent_on, today=clock.today()):
            raise forms.ValidationError(reason)
        return day

    def signed_at(self, sent_at: dt.datetime | None) -> dt.datetime:
        """Now for a signature given today; otherwise midday that day, but never before the version was sent."""
        day = self.cleaned_data["signed_on"]
        if day == clock.today():
            return clock.now()
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))
        return max(moment, sent_at) if sent_at else moment


class ApproveForm(DesignsystemetForm, forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I have read this version. Everyone signed it of their own free will, and it does not unreasonably "
            "favour any party."
        ),
        error_messages={"required": _("Tick the box to approve.")},
    )


class RefuseApprovalForm(DesignsystemetForm, forms.Form):
    reason = forms.CharField(
        label=_("Why the agreement cannot be approved"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: it unreasonably favours one party. The parties can then agree on a new version."),
    )


class CloseWithoutAgreementForm(DesignsystemetForm, forms.Form):
    reason = forms.CharField(
        label=_("Why is there no written agreement?"),
        help_text=_("For example: the parties did not sign after all."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SendForSigningForm(DesignsystemetForm, forms.Form):
    """Nothing to fill in: the page says what sending does and who is told, and the button confirms."""
