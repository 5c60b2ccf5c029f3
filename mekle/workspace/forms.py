"""Input shapes for the staff workspace: validate and convert, never save."""

import datetime as dt
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as InvalidNumber
from stdnum.no import fodselsnummer

from mekle.cases.models import Case, CaseType, ReferrerKind, SafetyRisk
from mekle.lib import clock
from mekle.lib.dates import formatted
from mekle.lib.forms import BoundedFormSet, DesignsystemetForm
from mekle.mediators import rules as mediator_rules
from mekle.mediators.models import Meeting, MeetingResult, MeetingType
from mekle.parties import models as party_models
from mekle.parties import rules as referral_rules
from mekle.parties.models import ConsentMethod, Language, PartyRole, PreparationForm
from mekle.parties.services import ContactDetails, GuardianInput, PartyInput

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes_no_field(label: Any, **kwargs: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=YES_NO, coerce=lambda v: v == "yes", widget=forms.RadioSelect, **kwargs
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def limit_dates(field: forms.Field, *, earliest: dt.date | None = None, latest: dt.date | None = None) -> None:
    """Tell the date picker (`min`, `max`) and the reader (the help text) which dates the rules accept.

    The rules themselves live in the apps' rules.py; the form and the service both apply them.
    """
    if earliest is not None:
        field.widget.attrs["min"] = earliest.isoformat()
    if latest is not None:
        field.widget.attrs["max"] = latest.isoformat()
    if earliest is None or latest is None:
        return
    text = _("From %(earliest)s to today.") if latest == clock.today() else _("From %(earliest)s to %(latest)s.")
    limits = text % {"earliest": formatted(earliest, "DATE_FORMAT"), "latest": formatted(latest, "DATE_FORMAT")}
    field.help_text = f"{field.help_text} {limits}" if field.help_text else limits


class NationalIdField(forms.CharField):
    """An optional Norwegian national identity number (fødselsnummer or D number), stored as 11 digits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("National identity number"))
        kwargs.setdefault("help_text", _("11 digits. Optional. Lets the person sign in to the portal with ID-porten."))
        super().__init__(required=False, max_length=13, **kwargs)

    def clean(self, value: Any) -> str:
        number: str = super().clean(value)
        if not number:
            return ""
        try:
            valid: str = fodselsnummer.validate(number)
        except InvalidNumber:
            raise forms.ValidationError(
                _("This is not a valid national identity number. Check the 11 digits."), code="invalid"
            ) from None
        return valid


class ReferralForm(DesignsystemetForm, forms.Form):
    messages = {
        "case_type": {"required": _("Choose the case type.")},
        "referrer_kind": {"required": _("Choose who referred the case.")},
        "received_on": {"required": _("Enter the date the referral was received.")},
        "description": {"required": _("Write a short description of the conflict.")},
    }
    case_type = forms.ChoiceField(label=_("Case type"), choices=CaseType.choices, widget=forms.RadioSelect)
    referrer_kind = forms.ChoiceField(label=_("Referred by"), choices=[("", _("Choose …")), *ReferrerKind.choices])
    referrer_name = forms.CharField(
        label=_("Referrer (organisation or person)"),
        required=False,
        max_length=200,
        help_text=_("For example “Oslo police district” or “Haugen school”."),
    )
    referrer_reference = forms.CharField(
        label=_("Referrer's reference"),
        required=False,
        max_length=100,
        help_text=_("Required for cases from the police or a court."),
    )
    referrer_decision_date = forms.DateField(
        label=_("Date of the referrer's decision"),
        required=False,
        widget=DateInput(),
        help_text=_("Required for cases from the police or a court."),
    )
    received_on = forms.DateField(label=_("Received"), widget=DateInput())
    description = forms.CharField(
        label=_("Short description of the conflict"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )

    SECTIONS = (
        (_("The case"), ("case_type", "received_on", "description")),
        (_("The referrer"), ("referrer_kind", "referrer_name", "referrer_reference", "referrer_decision_date")),
    )

    def sections(self) -> list[tuple[Any, list[Any]]]:
        return _sections(self, self.SECTIONS, leave_out=getattr(self, "GUARDIAN_FIELDS", ()))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = clock.today()
        earliest = referral_rules.earliest_referral_date(today)
        for name in ("referrer_decision_date", "received_on"):
            limit_dates(self.fields[name], earliest=earliest, latest=today)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decided, received, today = data.get("referrer_decision_date"), data.get("received_on"), clock.today()
        if "case_type" in data and "referrer_kind" in data:
            problems = referral_rules.referrer_problems(
                case_type=data["case_type"],
                referrer_kind=data["referrer_kind"],
                referrer_reference=data.get("referrer_reference", ""),
                decision_date=decided,
                received_on=received,
                today=today,
            )
        else:  # the other rules need both; each missing one has its own error already
            problems = referral_rules.referral_date_problems(decision_date=decided, received_on=received, today=today)
        for problem in problems:
            if problem.field not in self.errors:  # an unreadable date says so first
                self.add_error(problem.field, problem.message)
        return data


class PartyForm(DesignsystemetForm, forms.Form):
    messages = {
        "full_name": {"required": _("Enter the party's full name.")},
        "role": {"required": _("Choose the party's role in the case.")},
        "preferred_language": {"required": _("Choose the party's preferred language.")},
    }
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    role = forms.ChoiceField(label=_("Role in the case"), choices=PartyRole.choices)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
    national_id = NationalIdField()
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    other_language = forms.CharField(label=_("Other language"), required=False, max_length=100)
    needs_interpreter = forms.BooleanField(label=_("Needs an interpreter"), required=False)
    guardian_name = forms.CharField(
        label=_("Guardian's full name"),
        required=False,
        max_length=200,
        help_text=_("Required when the party is under 18."),
    )
    guardian_relation = forms.CharField(label=_("Guardian's relation to the party"), required=False, max_length=100)
    guardian_phone = forms.CharField(label=_("Guardian's phone"), required=False, max_length=30)
    guardian_email = forms.EmailField(label=_("Guardian's e-mail"), required=False)
    guardian_national_id = NationalIdField(label=_("Guardian's national identity number"))
    second_guardian_name = forms.CharField(label=_("Second guardian's full name"), required=False, max_length=200)
    second_guardian_phone = forms.CharField(label=_("Second guardian's phone"), required=False, max_length=30)
    second_guardian_email = forms.EmailField(
        label=_("Second guardian's e-mail"),
        required=False,
        help_text=_("With an e-mail address, the second guardian can be e-mailed a sign-in link too."),
    )

    # Choice fields always submit a value, so an untouched extra party would look "changed".
    TYPED_FIELDS = (
        "full_name",
        "date_of_birth",
        "national_id",
        "phone",
        "email",
        "address",
        "guardian_name",
        "second_guardian_name",
    )

    # The page's sections; a guardian is asked for only for a party who is (or may be) under 18.
    SECTIONS = (
        (_("The person"), ("full_name", "role", "date_of_birth", "national_id")),
        (_("How to reach them"), ("phone", "email", "address")),
        (_("Language"), ("preferred_language", "other_language", "needs_interpreter")),
    )
    GUARDIAN_FIELDS: tuple[str, ...] = ()  # every guardian_… and second_guardian_… field: set below the class

    def has_changed(self) -> bool:
        return any(self.data.get(self.add_prefix(name), "").strip() for name in self.TYPED_FIELDS)

    def sections(self) -> list[tuple[Any, list[Any]]]:
        return _sections(self, self.SECTIONS, leave_out=getattr(self, "GUARDIAN_FIELDS", ()))

    def guardian_fields(self) -> list[Any]:
        return [self[name] for name in self.GUARDIAN_FIELDS]

    @property
    def age(self) -> int | None:
        """The party's age today, from the date of birth typed (None when there is none, or it is no date)."""
        raw = self["date_of_birth"].value()
        if isinstance(raw, dt.date):
            born: dt.date | None = raw
        else:
            try:
                born = self.fields["date_of_birth"].to_python(raw)
            except forms.ValidationError:
                born = None
        return party_models.age_on(born, clock.today()) if born is not None else None

    @property
    def is_adult(self) -> bool:
        age = self.age
        return age is not None and age >= party_models.ADULT_AGE and not self._guardian_typed()

    @property
    def guardians_open(self) -> bool:
        """Open the guardian section: a minor, a guardian typed in, or an error in it."""
        age = self.age
        has_error = self.is_bound and any(name in self.errors for name in self.GUARDIAN_FIELDS)
        return (age is not None and age < party_models.ADULT_AGE) or self._guardian_typed() or has_error

    def _guardian_typed(self) -> bool:
        return any(str(self[name].value() or "").strip() for name in self.GUARDIAN_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_dates(self.fields["date_of_birth"], earliest=referral_rules.EARLIEST_BIRTH_DATE, latest=clock.today())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for problem in referral_rules.party_problems(
            index=0,
            date_of_birth=data.get("date_of_birth"),
            has_guardian=bool(data.get("guardian_name")),
            today=clock.today(),
        ):
            # parties[0].date_of_birth or parties[0].guardians: the form's own field names
            field = "date_of_birth" if problem.field.endswith(".date_of_birth") else "guardian_name"
            if field not in self.errors:
                self.add_error(field, problem.message)
        if data.get("preferred_language") == Language.OTHER and not data.get("other_language"):
            self.add_error("other_language", _("Say which language."))
        if not (data.get("phone") or data.get("email") or data.get("address")):
            self.add_error("phone", _("Give at least one way to reach the party: phone, e-mail or address."))
        return data

    def to_input(self) -> PartyInput:
        d = self.cleaned_data
        guardians = (
            [
                GuardianInput(
                    full_name=d["guardian_name"],
                    relation=d["guardian_relation"],
                    phone=d["guardian_phone"],
                    email=d["guardian_email"],
                    national_id=d["guardian_national_id"],
                )
            ]
            if d.get("guardian_name")
            else []
        )
        if d.get("second_guardian_name"):
            guardians.append(
                GuardianInput(
                    full_name=d["second_guardian_name"],
                    phone=d["second_guardian_phone"],
                    email=d["second_guardian_email"],
                )
            )
        return PartyInput(
            full_name=d["full_name"],
            role=d["role"],
            date_of_birth=d.get("date_of_birth"),
            email=d["email"],
            phone=d["phone"],
            address=d["address"],
            preferred_language=d["preferred_language"],
            other_language=d["other_language"],
            needs_interpreter=d["needs_interpreter"],
            national_id=d["national_id"],
            guardians=guardians,
        )


PartyForm.GUARDIAN_FIELDS = tuple(
    name for name in PartyForm.base_fields if name.startswith(("guardian_", "second_guardian_"))
)


def _sections(form: Any, sections: Any, *, leave_out: tuple[str, ...] = ()) -> list[tuple[Any, list[Any]]]:
    """The form's fields in the page's sections; a field no section names goes into the last one,
    so a field added to the form is never left off the page."""
    named = {name for _legend, names in sections for name in names} | set(leave_out)
    rest = [name for name in form.fields if name not in named]
    grouped = [(legend, [form[name] for name in names if name in form.fields]) for legend, names in sections]
    if rest:
        legend, fields = grouped[-1]
        grouped[-1] = (legend, fields + [form[name] for name in rest])
    return grouped


class BasePartyFormSet(BoundedFormSet):
    """Every form is a new party; `initial` only suggests roles, so it must not make a form compulsory."""

    too_many = _("A referral can have at most %(num)d parties.")
    row_label = _("Party %(number)s")  # names the row in the page's error summary

    def initial_form_count(self) -> int:
        return 0

    def total_form_count(self) -> int:
        if self.is_bound:
            return super().total_form_count()
        return min(max(len(self.initial or []), self.min_num) + self.extra, self.max_num)

    def clean(self) -> None:
        super().clean()
        if not any(form.has_changed() and not form.errors for form in self.forms):
            raise forms.ValidationError(_("Register at least one party."))


MAX_PARTIES = 10
PartyFormSet = forms.formset_factory(
    PartyForm,
    formset=BasePartyFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_PARTIES,
    absolute_max=MAX_PARTIES,
    validate_max=True,
)


class GuardianForm(DesignsystemetForm, forms.Form):
    messages = {"full_name": {"required": _("Enter the guardian's full name.")}}
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    relation = forms.CharField(label=_("Relation to the party"), required=False, max_length=100)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    email = forms.EmailField(label=_("E-mail"), required=False)
    national_id = NationalIdField()

    def to_input(self) -> GuardianInput:
        return GuardianInput(**self.cleaned_data)


class AssessmentForm(DesignsystemetForm, forms.Form):
    facts_broadly_agreed = yes_no_field(_("Do the parties broadly agree on the facts?"))
    safety_risk = forms.ChoiceField(
        label=_("Safety and violence risk"),
        choices=SafetyRisk.choices,
        widget=forms.RadioSelect,
        help_text=_("Consider violence, threats and fear, also where the conflict is called “high conflict”."),
    )
    power_imbalance = yes_no_field(_("Is there a power imbalance between the parties?"))
    court_case_ongoing = yes_no_field(_("Is a court case about the conflict ongoing?"))
    capacity_to_take_part = yes_no_field(_("Is every party able to take part?"))
    other_considerations = forms.CharField(
        label=_("Other considerations"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    suitable = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Suitable for mediation")), ("no", _("Not suitable"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class ConsentForm(DesignsystemetForm, forms.Form):
    given_on = forms.DateField(label=_("Date consent was given"), widget=DateInput())
    method = forms.ChoiceField(label=_("How consent was given"), choices=ConsentMethod.choices)
    information_given = forms.CharField(
        label=_("Information the person received"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        initial=_(
            "The service is free and voluntary; the person may withdraw at any time without giving a reason; "
            "the service is not a court and decides nothing; what happens in a meeting; staff and mediators "
            "have a duty of confidentiality."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = clock.today()
        limit_dates(self.fields["given_on"], earliest=referral_rules.earliest_referral_date(today), latest=today)

    def clean_given_on(self) -> dt.date:
        given: dt.date = self.cleaned_data["given_on"]
        for problem in referral_rules.past_date_problems(field="given_on", day=given, today=clock.today()):
            raise forms.ValidationError(problem.message, code=problem.code)
        return given


class WithdrawalForm(DesignsystemetForm, forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Nobody has to give a reason for withdrawing."),
    )
    confirm = forms.BooleanField(
        label=_("I confirm that consent is withdrawn. The case will be closed as withdrawn."),
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )


class PreparationTalkForm(DesignsystemetForm, forms.Form):
    held_on = forms.DateField(label=_("Date of the talk"), widget=DateInput())
    form = forms.ChoiceField(label=_("Form"), choices=PreparationForm.choices, widget=forms.RadioSelect)
    support_person = forms.CharField(
        label=_("Support person"),
        required=False,
        max_length=200,
        help_text=_("A support person may come along; a lawyer may not. The other party is told who is coming."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=8000,
        help_text=_("Visible to the case's staff only, never to the other party."),
    )

    def __init__(self, *args: Any, case: Case | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = clock.today()
        self.received_on = case.received_on if case is not None else referral_rules.earliest_referral_date(today)
        limit_dates(self.fields["held_on"], earliest=self.received_on, latest=today)

    def clean_held_on(self) -> dt.date:
        held: dt.date = self.cleaned_data["held_on"]
        for problem in referral_rules.preparation_date_problems(
            held_on=held, received_on=self.received_on, today=clock.today()
        ):
            raise forms.ValidationError(problem.message, code=problem.code)
        return held


class AssignMediatorForm(DesignsystemetForm, forms.Form):
    mediator = forms.TypedChoiceField(label=_("Mediator"), coerce=int)

    def __init__(self, *args: Any, mediator_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mediator"].choices = mediator_choices


class TieForm(DesignsystemetForm, forms.Form):
    mediator = forms.TypedChoiceField(label=_("Mediator"), coerce=int)
    party = forms.TypedChoiceField(label=_("Party"), coerce=int)
    description = forms.CharField(
        label=_("The tie"), max_length=300, help_text=_("For example “neighbour” or “former colleague”.")
    )

    def __init__(
        self, *args: Any, mediator_choices: list[tuple[int, str]], party_choices: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mediator"].choices = mediator_choices
        self.fields["party"].choices = party_choices


class Attendance(models.TextChoices):
    """How the parties meet; the form asks, the meeting keeps only the address and the link."""

    IN_PERSON = "in_person", _("In person, at an address")
    VIDEO = "video", _("By video")
    BOTH = "both", _("In person, with a video link for anyone who cannot come")


ADDRESS_FIELDS = ("location", "street_address", "postcode", "post_town", "directions")


def _postcode(value: str) -> None:
    if value and not mediator_rules.is_postcode(value):
        raise forms.ValidationError(_("A postcode is four digits, for example 0155."))


class MeetingTimeAndPlaceForm(DesignsystemetForm, forms.Form):
    """When and where: moving a meeting asks this; scheduling one asks its type too."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=15, max_value=8 * 60, initial=120)
    attendance = forms.ChoiceField(
        label=_("How will you meet?"),
        choices=Attendance.choices,
        initial=Attendance.IN_PERSON,
        widget=forms.RadioSelect,
    )
    location = forms.CharField(
        label=_("Name of the place or room (optional)"),
        required=False,
        max_length=300,
        help_text=_("For example “Konfliktrådet i Oslo, meeting room 2”."),
    )
    street_address = forms.CharField(
        label=_("Street address"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=4,
        validators=[_postcode],
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric", "size": 4}),
    )
    post_town = forms.CharField(
        label=_("Post town"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    directions = forms.CharField(
        label=_("How to find the place (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Floor, entrance, parking, and whether there is step-free access. The parties see this."),
    )
    video_link = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("Needed for a video meeting."),
    )

    def __init__(self, *args: Any, case: Case | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = clock.today()
        self.received_on = case.received_on if case is not None else today
        limit_dates(
            self.fields["date"],
            earliest=max(today, self.received_on),
            latest=mediator_rules.latest_meeting_date(today),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        attendance = data.get("attendance")
        if attendance in (Attendance.IN_PERSON, Attendance.BOTH):
            for name, message in (
                ("street_address", _("Give the street address of the meeting.")),
                ("postcode", _("Give the postcode.")),
                ("post_town", _("Give the post town.")),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        wants_link = attendance in (Attendance.VIDEO, Attendance.BOTH)
        if wants_link and not data.get("video_link") and "video_link" not in self.errors:
            self.add_error("video_link", _("Give the link to the video meeting."))
        # What does not belong to the way of meeting chosen is not kept.
        if attendance == Attendance.VIDEO:
            data.update(dict.fromkeys(ADDRESS_FIELDS, ""))
        elif attendance == Attendance.IN_PERSON:
            data["video_link"] = ""
        if data.get("date") and data.get("time"):
            starts_at = timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))
            for reason in mediator_rules.meeting_time_refusals(
                starts_at=starts_at, received_on=self.received_on, now=clock.now()
            ):
                self.add_error("date", reason)
            data["starts_at"] = starts_at
        return data

    def place(self) -> dict[str, Any]:
        """The cleaned time and place, as ``schedule_meeting`` and ``move_meeting`` take them."""
        data = self.cleaned_data
        return {
            "starts_at": data["starts_at"],
            "duration_minutes": data["duration_minutes"],
            "video_link": data["video_link"],
            **{name: data[name] for name in ADDRESS_FIELDS},
        }

    @staticmethod
    def initial_of(meeting: Meeting) -> dict[str, Any]:
        """A scheduled meeting's time and place, to start the moving form from."""
        local = timezone.localtime(meeting.starts_at)
        if meeting.video_link and meeting.street_address:
            attendance = Attendance.BOTH
        elif meeting.video_link and not meeting.location:
            attendance = Attendance.VIDEO
        else:
            attendance = Attendance.IN_PERSON
        return {
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "duration_minutes": meeting.duration_minutes,
            "attendance": attendance,
            "video_link": meeting.video_link,
            **{name: getattr(meeting, name) for name in ADDRESS_FIELDS},
        }


class MeetingForm(MeetingTimeAndPlaceForm):
    meeting_type = forms.ChoiceField(label=_("Type of meeting"), choices=MeetingType.choices)

    field_order = ["meeting_type"]


class MeetingResultForm(DesignsystemetForm, forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=MeetingResult.choices, widget=forms.RadioSelect)
    agreement_summary = forms.CharField(
        label=_("What the parties agreed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
        help_text=_("In the parties' own words. The full agreement document comes later."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("result") == MeetingResult.AGREEMENT and not data.get("agreement_summary"):
            self.add_error("agreement_summary", _("Write down what the parties agreed."))
        return data


class ContactDetailsForm(DesignsystemetForm, forms.Form):
    """Correct a party's or a guardian's contact details (a guardian's language may be the party's)."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("If you change the address, links already sent to the old address stop working."),
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=Language.choices)
    other_language = forms.CharField(label=_("Other language"), required=False, max_length=100)
    send_link = forms.BooleanField(
        label=_("E-mail a new sign-in link to the new address"),
        required=False,
        help_text=_("Only when the e-mail address changes."),
    )

    GUARDIAN_FIELDS = ("full_name", "phone", "email", "address", "preferred_language", "send_link")

    def __init__(self, *args: Any, guardian: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guardian = guardian
        if guardian:
            for name in list(self.fields):
                if name not in self.GUARDIAN_FIELDS:
                    del self.fields[name]
            language = self.fields["preferred_language"]
            assert isinstance(language, forms.ChoiceField)
            language.choices = [("", _("The same as the party's")), *party_models.GUARDIAN_LANGUAGES]
            language.required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.guardian and data.get("preferred_language") == Language.OTHER and not data.get("other_language"):
            self.add_error("other_language", _("Say which language."))
        return data

    def details(self) -> ContactDetails:
        data = self.cleaned_data
        return ContactDetails(**{name: data[name] for name in self.fields if name != "send_link"})


class CancelMeetingForm(DesignsystemetForm, forms.Form):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled? (optional)"),
        help_text=_("For the case's staff only. The e-mail to the parties gives no reason."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TakeOffCaseForm(DesignsystemetForm, forms.Form):
    reason = forms.CharField(
        label=_("Why is the mediator taken off the case? (optional)"),
        help_text=_("For the case's staff only. The e-mail to the mediator gives no reason."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
