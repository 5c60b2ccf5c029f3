"""Visibility: which cases each kind of user sees, and the list's remaining filters."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from mekle.access.case_list import CaseFilters, case_list
from mekle.access.lookups import get_case_for, get_guardian_for, get_meeting_for, get_party_for
from mekle.access.selectors import cases_visible_to
from mekle.accounts.models import Role
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.cast import make_user


def test_nobody_without_an_office_role_sees_any_case(case, office_a):
    manager = make_user("manager", office=office_a, role=Role.MANAGER)
    homeless_caseworker = make_user("nohome", role=Role.CASEWORKER)
    inactive = make_user("gone", office=office_a, role=Role.CASEWORKER, is_active=False)
    for user in (AnonymousUser(), manager, homeless_caseworker, inactive):
        assert list(cases_visible_to(user)) == []


def test_open_only_and_office_filters(case, alice, office_a):
    kari = case.parties.get(full_name="Kari Nordmann")
    party_services.withdraw_consent(actor=alice, participant=Participant(kari))
    assert list(case_list(alice, CaseFilters(open_only=True))) == []
    assert list(case_list(alice, CaseFilters(office_id=office_a.pk))) == [case]


def test_a_mediator_taken_off_a_case_no_longer_sees_it(case, alice, mia):
    from mekle.mediators import services as mediator_services

    assert list(cases_visible_to(mia)) == [case]
    mediator_services.unassign_mediator(actor=alice, case=case, mediator=mia)
    assert list(cases_visible_to(mia)) == []
    with pytest.raises(Http404):
        get_case_for(mia, case.reference)


def test_lookups_refuse_objects_of_another_case(case, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    ola = case.parties.get(full_name="Ola Nordmann")
    with pytest.raises(Http404):
        get_party_for(case, emil.pk)
    with pytest.raises(Http404):
        get_guardian_for(ola, emil.guardians.get().pk)
    with pytest.raises(Http404):
        get_meeting_for(case, 12345)


def test_portal_participants_are_only_for_portal_users(alice, ola_user, case):
    from mekle.access.selectors import participants_of

    assert participants_of(alice) == []
    assert [m.case for m in participants_of(ola_user)] == [case]
    assert participants_of(ola_user)[0].name == "Ola Nordmann"


def test_a_person_who_is_both_party_and_guardian_in_one_case_sees_it_once(minor_case):
    from mekle.access.lookups import get_own_participant_for
    from mekle.access.selectors import participants_of
    from mekle.testing.cast import portal_user_of

    per = minor_case.parties.get(full_name="Per Hansen")
    guardian = minor_case.parties.get(full_name="Emil Olsen").guardians.get()
    user = portal_user_of(per)
    guardian.user = user
    guardian.save()
    assert len(participants_of(user)) == 1
    assert get_own_participant_for(user, minor_case.reference).guardian is None
    guardian_only = portal_user_of(minor_case.parties.get(full_name="Emil Olsen"), guardian)
    assert guardian_only == user  # the guardian record now points at Per's account


def test_staff_reads_of_a_case_leave_out_portal_reads_other_cases_and_other_peoples_pages(
    case, other_case, alice, mia, ola, kari, ola_user
):
    from mekle.access.selectors import staff_reads_of
    from mekle.access.services import log_access

    def read(user, what, reference=case.reference, object_id=""):
        log_access(user=user, what=what, path="/", case_reference=reference, object_id=object_id)

    read(alice, "case_page")
    read(mia, "party_page", object_id=str(ola.pk))
    read(alice, "party_page", object_id=str(kari.pk))
    read(ola_user, "portal_case")
    read(ola_user, "case_page")  # a portal user's row, whatever it is called, is not a staff read
    read(alice, "case_page", reference=other_case.reference)

    seen = [(e.reader_role, e.what) for e in staff_reads_of(Participant(ola))]
    assert seen == [(Role.MEDIATOR, "party_page"), (Role.CASEWORKER, "case_page")]
    assert [e.what for e in staff_reads_of(Participant(kari))] == ["party_page", "case_page"]
