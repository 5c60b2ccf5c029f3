"""Reads about the people in a case: who holds portal access, and who a requested link may reach."""

from django.utils import timezone

from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.parties.selectors import invitations_of, party_with_history, people_with_portal_access


def holders(party):
    party = party_with_history(party)
    return [
        (participant.name, participant.guardian)
        for participant in people_with_portal_access(party, invitations_of(party), timezone.now())
    ]


def test_nobody_holds_access_before_a_link(ola):
    assert holders(ola) == []


def test_a_link_that_still_works_or_an_account_is_access(alice, minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    party_services.invite_to_portal(actor=alice, participant=Participant(emil, hanne), send_email=False)
    hanne.user = None  # a link that works, before the account (as after ending and inviting again)
    hanne.save()
    assert holders(emil) == [("Hanne Olsen", hanne)]
    party_services.portal_user_for(participant=Participant(emil))
    assert holders(emil) == [("Emil Olsen", None), ("Hanne Olsen", hanne)]


def test_ended_access_is_no_longer_held(alice, ola):
    party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    party_services.end_portal_access(actor=alice, participant=Participant(ola))
    assert holders(ola) == []
