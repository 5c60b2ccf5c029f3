"""The case list's filter form."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mekle.access.case_list import CaseFilters
from mekle.cases.models import CaseType, Status
from mekle.lib.forms import DesignsystemetForm


class CaseFilterForm(DesignsystemetForm, forms.Form):
    q = forms.CharField(label=_("Search by reference or party name"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices])
    case_type = forms.ChoiceField(
        label=_("Case type"), required=False, choices=[("", _("All case types")), *CaseType.choices]
    )
    office = forms.TypedChoiceField(label=_("Office"), required=False, coerce=int, empty_value=None)
    mediator = forms.TypedChoiceField(label=_("Mediator"), required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label=_("Only overdue cases"), required=False)
    open_only = forms.BooleanField(label=_("Only open cases"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("received", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("due", _("Processing target")),
            ("reference", _("Reference")),
            ("status", _("Status")),
        ],
    )

    def __init__(
        self, *args: Any, mediator_choices: list[tuple[int, str]], office_choices: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mediator"].choices = [("", _("All mediators")), *mediator_choices]
        self.fields["office"].choices = [("", _("All my offices")), *office_choices]

    def to_filters(self) -> CaseFilters:
        """What the submitted values ask for; the defaults when any of them is bad (never half of it)."""
        if not self.is_valid():
            return CaseFilters()
        d = self.cleaned_data
        return CaseFilters(
            status=d["status"],
            case_type=d["case_type"],
            office_id=d["office"],
            mediator_id=d["mediator"],
            overdue=d["overdue"],
            open_only=d["open_only"],
            query=d["q"],
            sort=d["sort"] or "received",
        )
