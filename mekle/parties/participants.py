"""A participant: a party of a case, or a guardian acting for that party (a minor's parent, say)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from mekle.cases import lifecycle
from mekle.cases.models import Case

from .events import PartyNamed, Who
from .models import Guardian, Party


@dataclass(frozen=True)
class Participant:
    """Who takes part: `party`, acting alone, or `guardian` acting for `party`.

    Consent, a signature, a message or a portal sign-in belong to one participant: Emil himself,
    or Hanne as Emil's guardian (``Participant(emil, hanne)``), who consents, signs and reads apart.
    """

    party: Party
    guardian: Guardian | None = None

    @classmethod
    def of(cls, person: Party | Guardian) -> "Participant":
        """The participant a party's or a guardian's own record stands for."""
        if isinstance(person, Guardian):
            return cls(party=person.party, guardian=person)
        return cls(party=person)

    @property
    def person(self) -> Party | Guardian:
        """The record of the one who acts: the guardian's when a guardian acts, else the party's."""
        return self.guardian if self.guardian is not None else self.party

    @property
    def name(self) -> str:
        """The acting person's name: the guardian's, else the party's."""
        return self.person.full_name

    @property
    def acts_as_guardian(self) -> bool:
        return self.guardian is not None

    @property
    def guardian_id(self) -> int | None:
        return self.guardian.pk if self.guardian is not None else None

    @property
    def case(self) -> Case:
        return self.party.case

    @property
    def case_id(self) -> int:
        return self.party.case_id

    def ensure_together(self) -> None:
        """Refuse a guardian of another party: a programming or a form error, never a real participant."""
        if self.guardian is not None and self.guardian.party_id != self.party.pk:
            raise lifecycle.GuardError([_("That guardian does not belong to this party.")])

    def who(self) -> Who:
        """The part of an event's payload that says who acted: the party, the guardian if one acted, the name."""
        return {"party_id": self.party.pk, "guardian_id": self.guardian_id, "name": self.name}

    def named(self) -> PartyNamed:
        """The shorter fragment of the payloads that never recorded the guardian: the party and the name."""
        return {"party_id": self.party.pk, "name": self.name}
