"""Build the benchmark database: 100,000 cases, ~200,000 parties, ~1,300,000 hash-chained events.

Every tenth case (10,000 of 100,000) has a 50-event timeline, the others nine events; four
caseworkers at three offices each get a signed-in session. ``--cases N`` builds a smaller one.

Run by ``bench.run`` in a subprocess whose environment points Django at the bench database
(SQLITE_PATH or DATABASE_URL). Rows are written with bulk inserts and explicit ids; every case's
events form a valid chain, and the consent and preparation rows and closing times agree with them
(``manage.py verify_timeline`` passes on it).
"""

import argparse
import datetime as dt
import json
import os
import random
import time
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mekle.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from mekle.accounts.models import Office, Role, User  # noqa: E402
from mekle.cases.chain import digest_of, event_hash  # noqa: E402
from mekle.cases.models import Case, CaseEvent, CaseType, ReferenceCounter, Status  # noqa: E402
from mekle.mediators.models import Assignment  # noqa: E402
from mekle.parties.models import Consent, Party, Preparation  # noqa: E402

CASES = 100_000
LONG_EVERY = 10  # every tenth case has a long timeline
LONG_EVENTS = 50
BASE_EVENTS = 9  # opened, two parties, a mediator, two consents, two preparations, a status change
BATCH = 5_000
OFFICES = [
    ("OSL", "Konfliktrådet i Oslo", 0.5),
    ("BRG", "Konfliktrådet i Vestland", 0.3),
    ("TRD", "Konfliktrådet i Trøndelag", 0.2),
]
FIRST = [
    "Ola",
    "Kari",
    "Per",
    "Anne",
    "Lars",
    "Ingrid",
    "Jonas",
    "Sofie",
    "Ahmed",
    "Amina",
    "Emil",
    "Nora",
    "Henrik",
    "Maja",
    "Ali",
    "Hilde",
]
LAST = [
    "Nordmann",
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Berg",
    "Haugen",
    "Solberg",
    "Eide",
    "Lie",
    "Moen",
]
OPEN_FLOW = [
    Status.RECEIVED,
    Status.ASSESSING,
    Status.PREPARING,
    Status.MEETING_SCHEDULED,
    Status.MEETING_HELD,
    Status.IN_FOLLOW_UP,
]
CLOSED = [Status.NOT_SUITABLE, Status.NO_AGREEMENT, Status.FULFILLED, Status.NOT_FULFILLED, Status.WITHDRAWN]
PASSWORD = "bench-password"
# The signed-in caseworkers the load is spread over: (username, office index, first, last name).
CASEWORKERS = [
    ("bench.caseworker", 0, "Bente", "Bench"),
    ("bench.caseworker.osl.2", 0, "Odd", "Oslo"),
    ("bench.caseworker.brg", 1, "Berit", "Bergen"),
    ("bench.caseworker.trd", 2, "Trond", "Trondheim"),
]


def is_long(case_id: int) -> bool:
    return case_id % LONG_EVERY == 1


def expected_already_built(cases: int) -> bool:
    return (
        Case.objects.count() == cases
        and CaseEvent.objects.filter(case_id=1).count() == LONG_EVENTS
        and User.objects.filter(username__in=[c[0] for c in CASEWORKERS]).count() == len(CASEWORKERS)
    )


def wipe() -> None:
    if connection.vendor == "postgresql":
        tables = ", ".join(m._meta.db_table for m in (CaseEvent, Assignment, Party, Case, ReferenceCounter))
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} CASCADE")
        return
    for model in (CaseEvent, Assignment, Party, Case, ReferenceCounter):
        model.objects.all().delete()


def staff() -> tuple[list[Office], list[User], dict[int, list[User]]]:
    offices = [Office.objects.get_or_create(code=code, defaults={"name": name})[0] for code, name, _share in OFFICES]
    caseworkers = []
    for username, office_index, first, last in CASEWORKERS:
        caseworker = User.objects.filter(username=username).first()
        if caseworker is None:
            caseworker = User.objects.create_user(
                username,
                password=PASSWORD,
                office=offices[office_index],
                role=Role.CASEWORKER,
                first_name=first,
                last_name=last,
            )
        caseworkers.append(caseworker)
    mediators: dict[int, list[User]] = {}
    for office in offices:
        mediators[office.pk] = []
        for i in range(5):
            user, _new = User.objects.get_or_create(
                username=f"bench.mediator.{office.code.lower()}.{i}",
                defaults={"office": office, "role": Role.MEDIATOR, "first_name": FIRST[i], "last_name": LAST[i]},
            )
            mediators[office.pk].append(user)
    return offices, caseworkers, mediators


class Builder:
    """Accumulates rows and their events, flushing them in batches."""

    def __init__(self, caseworker: User, mediators: dict[int, list[User]]) -> None:
        self.rng = random.Random(42)
        self.caseworker = caseworker
        self.mediators = mediators
        self.cases: list[Case] = []
        self.parties: list[Party] = []
        self.assignments: list[Assignment] = []
        self.events: list[CaseEvent] = []
        # The rows the consent and preparation events stand for, so `verify_timeline` finds the state agreeing.
        self.consents: list[Consent] = []
        self.preparations: list[Preparation] = []
        self.party_id = self.event_id = self.assignment_id = 0
        self.start = timezone.now() - dt.timedelta(days=400)

    def add_case(self, case_id: int, office: Office, number: int, extra_events: int = 0) -> None:
        received = (self.start + dt.timedelta(minutes=case_id * 5)).date()
        status = self.rng.choice(OPEN_FLOW + CLOSED)
        case = Case(
            id=case_id,
            reference=f"{office.code}-{received.year}-{number:05d}",
            office_id=office.pk,
            case_type=self.rng.choice(CaseType.values),
            status=status,
            description="Benchmark case.",
            referrer_kind="party",
            received_on=received,
            due_on=received + dt.timedelta(days=35),
            created_by_id=self.caseworker.pk,
        )
        self.cases.append(case)
        chain = _Chain(case.reference, case_id, self.caseworker.pk, self.start + dt.timedelta(minutes=case_id * 5))
        chain.add("case_opened", {"case_type": case.case_type, "referrer_kind": "party", "reference": case.reference})
        names = []
        for role in ("victim", "offender"):
            self.party_id += 1
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            names.append((self.party_id, name))
            self.parties.append(Party(id=self.party_id, case_id=case_id, full_name=name, role=role, phone="40000000"))
            chain.add("party_added", {"party_id": self.party_id, "name": name, "role": role, "minor": False})
        mediator = self.rng.choice(self.mediators[office.pk])
        self.assignment_id += 1
        self.assignments.append(
            Assignment(
                id=self.assignment_id,
                case_id=case_id,
                mediator_id=mediator.pk,
                assigned_by_id=self.caseworker.pk,
                assigned_at=chain.moment,
            )
        )
        chain.add("mediator_assigned", {"mediator_id": mediator.pk, "name": str(mediator)})
        for party_id, name in names:
            chain.add(
                "consent_given",
                {
                    "party_id": party_id,
                    "guardian_id": None,
                    "name": name,
                    "given_on": received.isoformat(),
                    "method": "phone",
                },
            )
            chain.add(
                "preparation_held",
                {"party_id": party_id, "name": name, "held_on": received.isoformat(), "form": "phone"},
            )
            self.consents.append(
                Consent(
                    party_id=party_id,
                    given_on=received,
                    method="phone",
                    information_given="-",
                    recorded_at=chain.moment,
                )
            )
            self.preparations.append(
                Preparation(party_id=party_id, held_on=received, form="phone", recorded_at=chain.moment)
            )
        chain.add("status_changed", {"action": "find_suitable", "from_status": "assessing", "to_status": status})
        case.closed_at = chain.moment if status in CLOSED else None
        for i in range(extra_events):
            party_id, name = names[i % 2]
            chain.add(
                "preparation_held",
                {"party_id": party_id, "name": name, "held_on": received.isoformat(), "form": "video"},
            )
        for event in chain.events:
            self.event_id += 1
            event.id = self.event_id
        self.events.extend(chain.events)
        if len(self.events) >= BATCH * 4:
            self.flush()

    def flush(self) -> None:
        Case.objects.bulk_create(self.cases, batch_size=BATCH)
        Party.objects.bulk_create(self.parties, batch_size=BATCH)
        Assignment.objects.bulk_create(self.assignments, batch_size=BATCH)
        CaseEvent.objects.bulk_create(self.events, batch_size=BATCH)
        Consent.objects.bulk_create(self.consents, batch_size=BATCH)
        Preparation.objects.bulk_create(self.preparations, batch_size=BATCH)
        self.cases, self.parties, self.assignments, self.events = [], [], [], []
        self.consents, self.preparations = [], []


class _Chain:
    """One case's events with their sequence numbers and hashes."""

    def __init__(self, reference: str, case_id: int, actor_id: int, moment: dt.datetime) -> None:
        self.reference, self.case_id, self.actor_id, self.moment = reference, case_id, actor_id, moment
        self.events: list[CaseEvent] = []
        self.prev_hash = ""

    def add(self, kind: str, payload: dict[str, Any]) -> None:
        payload = json.loads(json.dumps(payload))
        sequence = len(self.events) + 1
        self.moment += dt.timedelta(seconds=30)
        visibility = "parties" if kind in ("case_opened", "status_changed", "mediator_assigned") else "staff"
        payload_digest = digest_of(payload)
        digest = event_hash(
            case_reference=self.reference,
            sequence=sequence,
            kind=kind,
            actor_id=self.actor_id,
            occurred_at=self.moment,
            payload_digest=payload_digest,
            visibility=visibility,
            prev_hash=self.prev_hash,
        )
        self.events.append(
            CaseEvent(
                case_id=self.case_id,
                sequence=sequence,
                actor_id=self.actor_id,
                kind=kind,
                occurred_at=self.moment,
                payload=payload,
                payload_digest=payload_digest,
                visibility=visibility,
                prev_hash=self.prev_hash,
                hash=digest,
            )
        )
        self.prev_hash = digest


def build(offices: list[Office], caseworker: User, mediators: dict[int, list[User]], cases: int) -> None:
    """Write every case; every tenth has a 50-event timeline."""
    builder = Builder(caseworker, mediators)
    numbers = {office.pk: 0 for office in offices}
    weights = [share for _code, _name, share in OFFICES]
    for case_id in range(1, cases + 1):
        office = offices[0] if case_id == 1 else builder.rng.choices(offices, weights)[0]
        numbers[office.pk] += 1
        extra = LONG_EVENTS - BASE_EVENTS if is_long(case_id) else 0
        builder.add_case(case_id, office, numbers[office.pk], extra_events=extra)
    builder.flush()
    for office in offices:
        ReferenceCounter.objects.update_or_create(
            office=office, year=timezone.now().year, defaults={"last_number": numbers[office.pk]}
        )
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Case, Party, Assignment, CaseEvent]):
            cursor.execute(sql)


def refresh_statistics() -> None:
    """Give the planner statistics (and PostgreSQL its visibility map) for the bulk-loaded tables.

    Bulk inserts leave PostgreSQL without statistics until autovacuum gets to them (and the bench
    server may run with autovacuum off): the planner then guesses one row for ``office = 1 AND
    status = 'preparing'`` (really ~4,500), joins and sorts badly, and starts parallel workers to read
    48 events; counts cannot use index-only scans either. SQLite has no statistics at all until
    ANALYZE. Production has autovacuum; a bulk import there should be followed by ANALYZE too.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # outside a transaction: main() runs us in autocommit
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA optimize")


def authenticator_app(user: User) -> TOTPDevice:
    """The caseworker's confirmed TOTP device (staff pages want a session verified by one)."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    return device


def signed_in_session(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]  # as a sign-in by password records
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = authenticator_app(user).persistent_id  # the second factor, as if typed
    session.set_expiry(7 * 24 * 3600)
    session.save()
    return str(session.session_key)


def long_cases(office: Office) -> list[str]:
    """The references of the office's cases with a 50-event timeline."""
    ids = Case.objects.filter(office=office).order_by("id").values_list("id", "reference")
    return [reference for case_id, reference in ids if is_long(case_id)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--cases", type=int, default=CASES)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    offices, caseworkers, mediators = staff()
    started = time.monotonic()
    if args.rebuild or not expected_already_built(args.cases):
        with transaction.atomic():
            wipe()
            build(offices, caseworkers[0], mediators, args.cases)
        built = f"built in {time.monotonic() - started:.0f} s"
    else:
        built = "already built"
    refresh_statistics()
    page_case = Case.objects.filter(office=offices[0]).order_by("id").values_list("reference", flat=True).first()
    by_office = {office.pk: long_cases(office) for office in offices}
    result = {
        "built": built,
        "cases": Case.objects.count(),
        "parties": Party.objects.count(),
        "events": CaseEvent.objects.count(),
        "csrf_cookie": get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS),
        "page_case": page_case,
        "page_case_events": CaseEvent.objects.filter(case__reference=page_case).count(),
        "statuses": list(Status.values),
        "long_cases": sum(len(refs) for refs in by_office.values()),
        # Each caseworker's session and the 50-event cases of their office, for the load's script.
        "caseworkers": [
            {
                "username": user.username,
                "office_id": user.office_id,
                "session": signed_in_session(user),
                "cases": by_office[user.office_id],
            }
            for user in caseworkers
        ],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
