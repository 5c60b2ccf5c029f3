"""A person's own request for help: one case at the right office, no duplicates, and no flooding."""

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from mekle.accounts.models import OfficeArea
from mekle.cases.lifecycle import GuardError
from mekle.cases.models import Case, CaseEvent, CaseType, ReferrerKind, Status
from mekle.parties.models import Party, PartyRole, PortalInvitation
from mekle.parties.services import PartyInput
from mekle.referrals import services
from mekle.referrals.models import SelfReferral

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def bergen_area(office_a, office_b):
    OfficeArea.objects.create(office=office_b, postcode_from="5000", postcode_to="5999")


def submit(description="Naboen spiller høy musikk hver natt.", ip="203.0.113.7", email="siri@example.no", **extra):
    return services.submit_self_referral(
        ip_address=ip,
        postcode=extra.pop("postcode", "5003"),
        requester=PartyInput(full_name="Siri Vik", role=PartyRole.VICTIM, email=email, preferred_language="nn"),
        other_party=PartyInput(full_name="Naboen i 3B", role=PartyRole.OTHER),
        description=description,
    )


@time_machine.travel(START, tick=False)
def test_a_request_opens_a_received_civil_case_at_the_postcodes_office(
    bergen_area, office_b, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = submit()
    case = submitted.case
    assert submitted.created
    assert (case.office, case.status, case.case_type) == (office_b, Status.RECEIVED, CaseType.CIVIL)
    assert case.referrer_kind == ReferrerKind.PARTY
    assert case.received_on == START.date()
    assert case.created_by is None
    requester, other = Party.objects.filter(case=case).order_by("pk")
    assert (requester.full_name, requester.email, requester.preferred_language) == ("Siri Vik", "siri@example.no", "nn")
    assert other.full_name == "Naboen i 3B"
    assert PortalInvitation.objects.get().party == requester
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["siri@example.no"]


def test_the_request_is_on_the_timeline_with_its_postcode_and_no_address(
    bergen_area, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit().case
    kinds = list(CaseEvent.objects.filter(case=case).order_by("sequence").values_list("kind", flat=True))
    assert kinds == [
        "case_opened",
        "party_added",
        "party_added",
        "self_referral_received",
        "portal_invitation_created",
    ]
    event = CaseEvent.objects.get(case=case, kind="self_referral_received")
    assert event.payload == {"postcode": "5003"}
    assert event.actor is None


def test_the_ip_address_is_kept_only_as_a_keyed_hash(bergen_area):
    submit(ip="203.0.113.7")
    row = SelfReferral.objects.get()
    assert "203.0.113.7" not in row.ip_hash
    assert len(row.ip_hash) == 64
    assert row.ip_hash == services.ip_hash("203.0.113.7") != services.ip_hash("203.0.113.8")


def test_the_same_request_again_within_minutes_returns_the_first_case_and_sends_nothing(
    bergen_area, django_capture_on_commit_callbacks, mailoutbox
):
    with time_machine.travel(START, tick=False), django_capture_on_commit_callbacks(execute=True):
        first = submit()
    with (
        time_machine.travel(START + dt.timedelta(minutes=9), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        again = submit(description="  naboen spiller HØY musikk   hver natt. ", email="SIRI@example.no")
    assert again.case == first.case
    assert not again.created
    assert Case.objects.count() == 1
    assert SelfReferral.objects.count() == 1
    assert PortalInvitation.objects.count() == 1
    assert len(mailoutbox) == 1


def test_the_same_request_after_the_window_is_a_new_case(bergen_area, settings):
    settings.MEKLE_SELF_REFERRAL_DUPLICATE_MINUTES = 10
    with time_machine.travel(START, tick=False):
        first = submit()
    with time_machine.travel(START + dt.timedelta(minutes=11), tick=False):
        later = submit()
    assert later.created
    assert later.case != first.case


def test_a_different_request_is_not_a_duplicate(bergen_area):
    submit(description="Hekken.")
    submit(description="Søppelet.")
    assert Case.objects.count() == 2


def test_too_many_requests_from_one_address_in_an_hour_are_refused(bergen_area, settings):
    settings.MEKLE_SELF_REFERRALS_PER_HOUR = 2
    with time_machine.travel(START, tick=False):
        submit(description="1")
        submit(description="2")
        with translation.override("en"), pytest.raises(GuardError, match="many requests"):
            submit(description="3")
        submit(description="4", ip="198.51.100.1")
    assert Case.objects.count() == 3
    with time_machine.travel(START + dt.timedelta(minutes=61), tick=False):
        submit(description="5")
    assert Case.objects.count() == 4


def test_the_default_limit_allows_five_an_hour(bergen_area):
    for number in range(5):
        submit(description=str(number))
    with pytest.raises(GuardError):
        submit(description="sixth")
    assert Case.objects.count() == 5


def test_a_postcode_outside_every_area_goes_to_the_fallback_office(bergen_area, office_a, settings):
    settings.MEKLE_DEFAULT_OFFICE_CODE = "OSL"
    assert submit(postcode="9990").case.office == office_a


def test_without_any_office_the_request_is_refused(db):
    with pytest.raises(GuardError):
        submit()
    assert Case.objects.count() == 0
