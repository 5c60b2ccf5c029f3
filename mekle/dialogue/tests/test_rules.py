"""Who sees which message and proposal: table-tested on unsaved rows, no database needed."""

import pytest
from django.http import Http404

from mekle.access import lookups
from mekle.access import rules as access_rules
from mekle.dialogue import rules
from mekle.dialogue.models import Channel, Message, Proposal
from mekle.parties.models import Party

OLA, KARI, SIRI = Party(pk=1, case_id=10), Party(pk=2, case_id=10), Party(pk=3, case_id=20)


def message(sender, recipient, channel=Channel.DIRECT, case_id=10):
    return Message(
        case_id=case_id, sender_id=sender.pk, recipient_id=recipient.pk if recipient else None, channel=channel
    )


@pytest.mark.parametrize(
    ("party", "msg", "sees"),
    [
        (OLA, message(OLA, KARI), True),  # what they sent
        (KARI, message(OLA, KARI), True),  # what was sent to them
        (KARI, message(OLA, None, Channel.MEDIATOR), False),  # another party's mediator channel
        (OLA, message(OLA, None, Channel.MEDIATOR), True),  # their own mediator channel
        (SIRI, message(OLA, KARI), False),  # another case
        (KARI, message(OLA, KARI, case_id=99), False),  # a message of another case naming them
    ],
)
def test_a_party_sees_only_their_own_messages(party, msg, sees):
    assert rules.party_sees_message(party, msg) is sees
    assert access_rules.party_sees_message(party, msg) is sees


@pytest.mark.parametrize(("party", "sees", "answers"), [(OLA, True, False), (KARI, True, True), (SIRI, False, False)])
def test_a_proposal_is_seen_by_its_two_parties_and_answered_by_its_recipient(party, sees, answers):
    proposal = Proposal(case_id=10, proposer_id=OLA.pk, recipient_id=KARI.pk)
    assert access_rules.party_sees_proposal(party, proposal) is sees
    assert rules.can_answer_proposal(party, proposal) is answers


def test_a_proposal_between_others_is_a_404_for_a_party(contact_open, ola, kari):
    from mekle.parties.services import PartyInput, add_party
    from mekle.testing.contact import proposal

    case = contact_open
    made = proposal(ola, kari)
    third = add_party(actor=None, case=case, data=PartyInput(full_name="Tredje Part", role="other"))
    assert lookups.get_proposal_for(case, made.pk, party=kari) == made
    with pytest.raises(Http404):
        lookups.get_proposal_for(case, made.pk, party=third)
