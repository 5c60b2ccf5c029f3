"""The shared cast (healthchecks' Alice, Bob and Charlie, for a mediation service).

- Office A (Oslo, OSL) and office B (Bergen, BRG).
- alice: caseworker at A.  bob: caseworker at B.
- mia: mediator at A, assigned to `case`.  mats: mediator at A, not assigned.
- outsider: signed-in user with no role.
- `case`: a civil case at A with two adult parties (Ola, Kari) and mia assigned.
- `minor_case`: a case at A whose offender is 15, with a guardian.
- ola, kari: the parties of `case`; ola_user, kari_user: their portal accounts.
- `other_case`: a second case at A with parties of its own (for isolation tests).
"""

import pytest
from django.core.cache import cache
from django.utils import timezone

from mekle.accounts.models import Office, Role
from mekle.agreements import documents
from mekle.cases.models import CaseType, ReferrerKind
from mekle.dialogue import goodfaith
from mekle.lib.kept import Kept
from mekle.mediators import services as mediator_services
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.parties.services import GuardianInput, PartyInput
from mekle.testing import second_factor
from mekle.testing.cast import adult, make_user, open_direct_contact, portal_user_of
from mekle.testing.pdf import remembering

_render_pdf_once = remembering(documents.render_pdf)


@pytest.fixture(autouse=True)
def _fast_and_offline(settings, monkeypatch, tmp_path_factory):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.LANGUAGE_CODE = "nb"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEKLE_CHECKPOINT_DIR = tmp_path_factory.getbasetemp() / "checkpoints"  # never the clone's var/
    cache.clear()  # what one test cached names rows another test's database does not have
    Kept.clear_all()
    monkeypatch.setattr(documents, "render_pdf", _render_pdf_once)
    monkeypatch.setattr(goodfaith, "render_pdf", _render_pdf_once)


@pytest.fixture(autouse=True)
def signed_in_with_both_factors(request, monkeypatch):
    """A member of staff signed in by `client.force_login` or `client.login` has also passed the second
    factor (mekle/testing/second_factor.py). `@pytest.mark.password_only` tests see the password step alone."""
    if request.node.get_closest_marker("password_only") is None:
        second_factor.install(monkeypatch)


@pytest.fixture
def office_a(db):
    return Office.objects.create(code="OSL", name="Konfliktrådet i Oslo", region="Oslo")


@pytest.fixture
def office_b(db):
    return Office.objects.create(code="BRG", name="Konfliktrådet i Bergen", region="Vestland")


@pytest.fixture
def alice(office_a):
    return make_user("alice", office=office_a, role=Role.CASEWORKER, last_name="Berg")


@pytest.fixture
def bob(office_b):
    return make_user("bob", office=office_b, role=Role.CASEWORKER, last_name="Dahl")


@pytest.fixture
def mia(office_a):
    return make_user("mia", office=office_a, role=Role.MEDIATOR, last_name="Lund")


@pytest.fixture
def mats(office_a):
    return make_user("mats", office=office_a, role=Role.MEDIATOR, last_name="Moe")


@pytest.fixture
def outsider(db):
    return make_user("outsider")


@pytest.fixture
def case(alice, mia, office_a):
    case = party_services.register_referral(
        actor=alice,
        office=office_a,
        case_type=CaseType.CIVIL,
        referrer_kind=ReferrerKind.PARTY,
        description="Nabokonflikt om en hekk.",
        parties=[adult("Ola Nordmann", "victim"), adult("Kari Nordmann", "offender")],
    )
    mediator_services.assign_mediator(actor=alice, case=case, mediator=mia)
    return case


@pytest.fixture
def minor_case(alice, office_a):
    today = timezone.localdate()
    return party_services.register_referral(
        actor=alice,
        office=office_a,
        case_type=CaseType.CRIMINAL_MEDIATION,
        referrer_kind=ReferrerKind.POLICE,
        referrer_reference="POL-123",
        referrer_decision_date=today,
        parties=[
            adult("Per Hansen", "victim"),
            PartyInput(
                full_name="Emil Olsen",
                role="offender",
                date_of_birth=today.replace(year=today.year - 15),
                phone="41111111",
                guardians=[GuardianInput(full_name="Hanne Olsen", relation="mor")],
            ),
        ],
    )


@pytest.fixture
def ola(case):
    return case.parties.get(full_name="Ola Nordmann")


@pytest.fixture
def kari(case):
    return case.parties.get(full_name="Kari Nordmann")


@pytest.fixture
def ola_user(ola):
    return portal_user_of(ola)


@pytest.fixture
def invited_ola(alice, ola):
    """Ola, at ola@example.no, after a caseworker gave him a link (for SMS or letter)."""
    ola.email = "ola@example.no"
    ola.save()
    party_services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False)
    ola.refresh_from_db()
    return ola


@pytest.fixture
def kari_user(kari):
    return portal_user_of(kari)


@pytest.fixture
def other_case(alice, office_a):
    """A second case at the same office, with parties of its own."""
    return party_services.register_referral(
        actor=alice,
        office=office_a,
        case_type=CaseType.CIVIL,
        referrer_kind=ReferrerKind.SCHOOL,
        description="Konflikt i skolegården.",
        parties=[adult("Siri Strand", "victim"), adult("Jon Strand", "offender")],
    )


@pytest.fixture
def contact_open(case, alice):
    """`case` with direct contact open between Ola and Kari."""
    return open_direct_contact(case, alice)
