"""Build one demo case with a believable history, moving Mekle's clock through its life.

Every change goes through the services, so each case's timeline is a valid hash chain.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ParamSpec, TypeVar

from django.db import transaction
from django.utils import timezone
from faker import Faker

from mekle.accounts.models import Office, Role, User
from mekle.agreements import rules as agreement_rules
from mekle.agreements import selectors as agreement_selectors
from mekle.agreements import services as agreement_services
from mekle.agreements.models import CommitmentKind, SignatureMethod
from mekle.agreements.services import CommitmentInput
from mekle.cases import services as case_services
from mekle.cases.models import Case, SafetyRisk, Status
from mekle.lib import clock
from mekle.mediators import services as mediator_services
from mekle.parties import services as party_services
from mekle.parties.models import Party
from mekle.parties.participants import Participant
from mekle.parties.services import GuardianInput, PartyInput

from .cast import MEETING_PLACES
from .scenarios import INTERPRETER_LANGUAGES, SCENARIOS, Scenario

P = ParamSpec("P")
T = TypeVar("T")

# The states a demo case is left in, in the order they are dealt out: every status of the lifecycle
# (the README promises "cases in every state"). A `meeting_held` case rests with its agreement
# written and sent for signing; the others pass through it to follow-up or closure.
TARGETS = [
    Status.RECEIVED,
    Status.PREPARING,
    Status.MEETING_SCHEDULED,
    Status.IN_FOLLOW_UP,
    Status.FULFILLED,
    Status.ASSESSING,
    Status.WITHDRAWN,  # dealt to Oslo first, so saksbehandler.oslo finds a withdrawal notice
    Status.MEETING_HELD,
    Status.NO_AGREEMENT,
    Status.NOT_SUITABLE,
    Status.MEETING_SCHEDULED,
    Status.NOT_FULFILLED,
]
# How many days ago a case in each state was received: old enough for its history to fit.
AGE_DAYS: dict[str, tuple[int, int]] = {
    Status.RECEIVED: (1, 45),
    Status.ASSESSING: (5, 50),
    Status.PREPARING: (20, 60),
    Status.MEETING_SCHEDULED: (25, 40),
    Status.MEETING_HELD: (25, 40),
    Status.IN_FOLLOW_UP: (45, 90),
    Status.WITHDRAWN: (20, 200),
    Status.NOT_SUITABLE: (10, 200),
    Status.NO_AGREEMENT: (40, 250),
    Status.FULFILLED: (120, 360),
    Status.NOT_FULFILLED: (120, 360),
}


@dataclass
class Storyteller:
    """Deals out states and scenarios and writes the cases."""

    rng: random.Random
    fake: Faker
    offices: list[Office]
    staff: dict[str, User]
    scheduled: int = field(default=0, init=False)  # meetings left scheduled so far

    def build(self, index: int) -> Case:
        target = TARGETS[index % len(TARGETS)]
        office = self.offices[(index + index // len(TARGETS)) % len(self.offices)]
        scenario = SCENARIOS[(index * 7 + index // len(TARGETS)) % len(SCENARIOS)]
        with transaction.atomic():
            return self._live(target, office, scenario)

    # --- a case's life, step by step -----------------------------------------------------------

    def _live(self, target: str, office: Office, scenario: Scenario) -> Case:
        now = timezone.now()
        low, high = AGE_DAYS[target]
        start = (now - dt.timedelta(days=self.rng.randint(low, high))).replace(hour=9, minute=0)
        caseworker = self._staff(office, Role.CASEWORKER)
        case = self._at(start, self._register, caseworker, office, scenario)
        if target == Status.RECEIVED:
            return case
        self._at(start + dt.timedelta(days=1), case_services.start_assessment, actor=caseworker, case=case)
        if target == Status.ASSESSING:
            return case
        suitable = target != Status.NOT_SUITABLE
        self._at(start + dt.timedelta(days=3), self._assess, caseworker, case, suitable)
        if not suitable:
            return case
        mediator = self._staff(office, Role.MEDIATOR)
        self._at(
            start + dt.timedelta(days=4),
            mediator_services.assign_mediator,
            actor=caseworker,
            case=case,
            mediator=mediator,
        )
        self._at(start + dt.timedelta(days=6), self._consent_everyone, caseworker, case)
        if target == Status.WITHDRAWN:
            # The party withdraws in the portal themselves, so the office's staff get a notice.
            party = self.rng.choice(list(Party.objects.filter(case=case)))
            participant = Participant(party)
            in_portal = party_services.portal_user_for(participant=participant)
            self._at(
                start + dt.timedelta(days=9),
                party_services.withdraw_consent,
                actor=in_portal,
                participant=participant,
                reason="",
            )
            return case
        leave_unprepared = target == Status.PREPARING and self.rng.random() < 0.5
        self._at(start + dt.timedelta(days=10), self._prepare_everyone, mediator, case, leave_unprepared)
        if target == Status.PREPARING:
            return case
        return self._meet(target, case, caseworker, mediator, start, now)

    def _meet(
        self, target: str, case: Case, caseworker: User, mediator: User, start: dt.datetime, now: dt.datetime
    ) -> Case:
        scheduled_at = start + dt.timedelta(days=14)
        if target == Status.MEETING_SCHEDULED:
            starts_at = (now + dt.timedelta(days=self.rng.randint(2, 20))).replace(
                hour=self.rng.choice([9, 12, 14]), minute=0
            )
        else:
            starts_at = (start + dt.timedelta(days=21)).replace(hour=10, minute=0)
        meeting = self._at(
            scheduled_at,
            mediator_services.schedule_meeting,
            actor=caseworker,
            case=case,
            meeting_type="mediation",
            starts_at=starts_at,
            duration_minutes=120,
            **self._place(case),
        )
        if target == Status.MEETING_SCHEDULED:
            self.scheduled += 1
            if self.scheduled % 2 == 0:  # every other one: a party could not come, so it is moved a week on
                self._at(
                    scheduled_at + dt.timedelta(days=2),
                    mediator_services.move_meeting,
                    actor=caseworker,
                    meeting=meeting,
                    starts_at=starts_at + dt.timedelta(days=7),
                    duration_minutes=120,
                    **self._place(case),
                )
            return case
        agreed = target != Status.NO_AGREEMENT
        self._at(
            starts_at + dt.timedelta(hours=2),
            mediator_services.record_meeting_result,
            actor=mediator,
            meeting=meeting,
            result="agreement" if agreed else "no_agreement",
            agreement_summary="Partene ble enige om en unnskyldning og å dekke skaden innen to måneder."
            if agreed
            else "",
        )
        if agreed:
            self._at(starts_at + dt.timedelta(days=1), self._write_agreement, mediator, case)
            if target == Status.MEETING_HELD:  # the agreement waits for its signatures
                return case
            self._at(starts_at + dt.timedelta(days=4), self._sign_and_approve, mediator, case)
        if target in (Status.FULFILLED, Status.NOT_FULFILLED):
            self._at(
                starts_at + dt.timedelta(days=60),
                self._conclude_follow_up,
                caseworker,
                case,
                fulfilled=target == Status.FULFILLED,
            )
        return case

    def _place(self, case: Case) -> dict[str, str]:
        """The office's meeting room; one meeting in five is by video instead."""
        if self.rng.random() < 0.2:
            return {"video_link": f"https://video.konfliktradet.example.no/mote-{self.rng.randint(1000, 9999)}"}
        street, postcode, town, directions = MEETING_PLACES[case.office.code]
        return {
            "location": f"{case.office.name}, møterom {self.rng.randint(1, 4)}",
            "street_address": street,
            "postcode": postcode,
            "post_town": town,
            "directions": directions,
        }

    def _write_agreement(self, mediator: User, case: Case) -> None:
        """The mediator writes the agreement in the parties' words and sends it for signing."""
        version = agreement_services.start_agreement(actor=mediator, case=case)
        victim, offender = list(Party.objects.filter(case=case).order_by("id"))[:2]
        # The dates fall after the cooling-off period of an approval a few days on (agreements.rules).
        days = self.rng.randint(14, 45)
        amount, instalments = (
            (self.rng.choice([1500, 2500, 4000]), self.rng.choice([1, 2, 3]))
            if agreement_services.money_allowed(case)
            else (0, 1)
        )
        cooling_off_days = agreement_services.cooling_off_days_for(case, self.rng.choice([0, 0, 7]))
        start = clock.today() + dt.timedelta(days=cooling_off_days)
        due = start + dt.timedelta(days=max(days - 4, 10))
        commitments = [
            CommitmentInput(
                kind=CommitmentKind.APOLOGY,
                party=offender,
                beneficiary=victim,
                description="Ber om unnskyldning for det som skjedde, muntlig og skriftlig.",
                due_on=start + dt.timedelta(days=7),
            ),
            CommitmentInput(
                kind=CommitmentKind.CONDUCT,
                party=offender,
                beneficiary=victim,
                description="Tar ikke kontakt i sosiale medier.",
                due_on=due,
            ),
        ]
        if agreement_services.money_allowed(case):
            commitments.append(
                CommitmentInput(
                    kind=CommitmentKind.PAYMENT,
                    party=offender,
                    beneficiary=victim,
                    description="Dekker skaden.",
                    due_on=due,
                    amount=Decimal(amount),
                    instalments=instalments,
                )
            )
        version = agreement_services.update_draft(
            actor=mediator,
            version=version,
            introduction=version.introduction,
            fulfilment_date=due,
            cooling_off_days=cooling_off_days,
            commitments=commitments,
        )
        agreement_services.send_for_signing(actor=mediator, version=version)

    def _conclude_follow_up(self, caseworker: User, case: Case, *, fulfilled: bool) -> None:
        """After the fulfilment date the caseworker answers for each commitment and concludes."""
        version = agreement_selectors.current_approved_version(case)
        assert version is not None
        for position, answer in enumerate(agreement_selectors.commitment_answers(version)):
            kept = fulfilled or position > 0  # a breach: the first commitment was not kept
            agreement_services.check_commitment(actor=caseworker, commitment=answer.commitment, kept=kept)
        choice = agreement_rules.Conclusion.FULFILLED if fulfilled else agreement_rules.Conclusion.NOT_FULFILLED
        agreement_services.conclude(actor=caseworker, case=case, choice=choice)

    def _sign_and_approve(self, mediator: User, case: Case) -> None:
        """Everyone signs on paper at the office; the mediator approves last."""
        version = agreement_selectors.current_version(case)
        assert version is not None
        for signer in agreement_selectors.required_signers(version):
            agreement_services.sign(
                actor=mediator,
                version=version,
                participant=signer,
                method=SignatureMethod.PAPER,
                statement="Signert på papir hos konfliktrådet, frivillig.",
            )
        agreement_services.approve(actor=mediator, version=version)

    # --- helpers -------------------------------------------------------------------------------

    def _at(self, moment: dt.datetime, step: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        with clock.travelled_to(moment):
            return step(*args, **kwargs)

    def _staff(self, office: Office, role: str) -> User:
        people = [u for u in self.staff.values() if u.office_id == office.pk and u.role == role]
        return self.rng.choice(people)

    def _register(self, caseworker: User, office: Office, scenario: Scenario) -> Case:
        return party_services.register_referral(
            actor=caseworker,
            office=office,
            case_type=scenario.case_type,
            referrer_kind=scenario.referrer_kind,
            referrer_name=self._referrer_name(scenario, office),
            referrer_reference=f"{self.rng.randint(10, 99)}-{self.rng.randint(100000, 999999)}"
            if scenario.referrer_kind in ("police", "court")
            else "",
            referrer_decision_date=clock.today() - dt.timedelta(days=self.rng.randint(5, 30))
            if scenario.referrer_kind in ("police", "court")
            else None,
            description=scenario.description,
            parties=[self._person("victim", minor=False), self._person("offender", minor=scenario.minor_offender)],
        )

    def _referrer_name(self, scenario: Scenario, office: Office) -> str:
        if scenario.referrer_kind == "police":
            return f"{office.region} politidistrikt"
        if scenario.referrer_kind == "court":
            return f"{office.region} tingrett"
        return scenario.referrer_name

    def _person(self, role: str, *, minor: bool) -> PartyInput:
        today = clock.today()
        age = self.rng.randint(14, 17) if minor else self.rng.randint(19, 78)
        born = today - dt.timedelta(days=age * 365 + self.rng.randint(10, 300))
        last_name = self.fake.last_name()
        language, other, interpreter = self._language()
        guardians = (
            [
                GuardianInput(
                    full_name=f"{self.fake.first_name()} {last_name}",
                    relation=self.rng.choice(["mor", "far"]),
                    phone=self._phone(),
                )
            ]
            if minor
            else []
        )
        if minor and self.rng.random() < 0.4:
            guardians.append(
                GuardianInput(full_name=f"{self.fake.first_name()} {last_name}", relation="far", phone=self._phone())
            )
        return PartyInput(
            full_name=f"{self.fake.first_name()} {last_name}",
            role=role,
            date_of_birth=born,
            phone=self._phone(),
            email=self.fake.email() if self.rng.random() < 0.7 else "",
            address=self.fake.address().replace("\n", ", "),
            preferred_language=language,
            other_language=other,
            needs_interpreter=interpreter,
            guardians=guardians,
        )

    def _language(self) -> tuple[str, str, bool]:
        roll = self.rng.random()
        if roll < 0.75:
            return "nb", "", False
        if roll < 0.85:
            return "nn", "", False
        if roll < 0.92:
            return "en", "", False
        return "other", self.rng.choice(INTERPRETER_LANGUAGES), True

    def _phone(self) -> str:
        return f"{self.rng.choice([4, 9])}{self.rng.randint(1000000, 9999999)}"

    def _assess(self, caseworker: User, case: Case, suitable: bool) -> None:
        case_services.assess_suitability(
            actor=caseworker,
            case=case,
            facts_broadly_agreed=suitable,
            safety_risk=SafetyRisk.NONE_KNOWN,
            power_imbalance=False,
            court_case_ongoing=False,
            capacity_to_take_part=True,
            suitable=suitable,
            reason="Partene er enige om hovedtrekkene og ønsker å møtes."
            if suitable
            else "Partene er uenige om hva som skjedde.",
        )

    def _consent_everyone(self, caseworker: User, case: Case) -> None:
        method = "via_police" if case.is_criminal else "phone"
        information = "Frivillig og gratis. Kan trekke seg når som helst. Konfliktrådet er ikke en domstol."
        for party in Party.objects.filter(case=case).prefetch_related("guardians"):
            party_services.record_consent(
                actor=caseworker,
                participant=Participant(party),
                given_on=clock.today(),
                method=method,
                information_given=information,
            )
            for guardian in party.guardians.all():
                party_services.record_consent(
                    actor=caseworker,
                    participant=Participant(party, guardian),
                    given_on=clock.today(),
                    method="phone",
                    information_given=information,
                )

    def _prepare_everyone(self, mediator: User, case: Case, leave_one_out: bool) -> None:
        parties = list(Party.objects.filter(case=case))
        for party in parties[:-1] if leave_one_out else parties:
            party_services.record_preparation(
                actor=mediator,
                party=party,
                held_on=clock.today(),
                form=self.rng.choice(["in_person", "phone", "video"]),
                support_person=self.rng.choice(["", "", "mor", "en venn"]),
                notes="Forteller om hendelsen med egne ord. Ønsker en unnskyldning og å kunne gå trygt hjem.",
            )


def declare_some_ties(storyteller: Storyteller, cases: list[Case]) -> None:
    """A mediator at the office declares a tie to a party in a couple of open, unassigned cases."""
    for case in [c for c in cases if c.status == Status.RECEIVED][:2]:
        party = Party.objects.filter(case=case).first()
        mediator = storyteller._staff(case.office, Role.MEDIATOR)  # noqa: SLF001
        if party is not None:
            mediator_services.declare_tie(
                actor=mediator, mediator=mediator, party=party, description="Nabo gjennom mange år"
            )
