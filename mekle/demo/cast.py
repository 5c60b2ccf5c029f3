"""The demo offices and staff: who `make run` lets you sign in as."""

from dataclasses import dataclass

from mekle.accounts.models import Office, OfficeArea, Role, User
from mekle.signin import services as signin_services

DEMO_PASSWORD = "mekle-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str
    office_code: str | None


OFFICES = [
    ("OSL", "Konfliktrådet i Oslo", "Oslo", "22 00 00 01", "oslo@konfliktradet.example.no"),
    ("BRG", "Konfliktrådet i Vestland", "Vestland", "55 00 00 02", "vestland@konfliktradet.example.no"),
    ("TRD", "Konfliktrådet i Trøndelag", "Trøndelag", "73 00 00 03", "trondelag@konfliktradet.example.no"),
]

# Where each office holds its meetings (made up): street address, postcode, post town, how to find the room.
MEETING_PLACES = {
    "OSL": (
        "Storgata 10",
        "0155",
        "Oslo",
        "Tredje etasje. Ring på «Konfliktrådet» ved hovedinngangen. Heis og trinnfri inngang fra "
        "bakgården. Nærmeste parkering er i Vaterland parkeringshus.",
    ),
    "BRG": (
        "Kaigaten 4",
        "5015",
        "Bergen",
        "Andre etasje, til høyre ut av heisen. Sykkelparkering i bakgården; ingen parkering for bil.",
    ),
    "TRD": (
        "Kongens gate 8",
        "7011",
        "Trondheim",
        "Gateplan, inngang ved siden av bokhandelen. Trinnfritt. Parkering på Torget P-hus.",
    ),
}

# Where each office receives visitors, and when: shown to parties with the phone and e-mail above.
OPENING_HOURS = "Mandag–fredag 08.00–15.30"
VISITING = {
    "OSL": {"street_address": "Storgata 10", "postcode": "0155", "place": "Oslo"},
    "BRG": {"street_address": "Kaigaten 4", "postcode": "5015", "place": "Bergen"},
    "TRD": {"street_address": "Kongens gate 8", "postcode": "7011", "place": "Trondheim"},
}

# Roughly the real postcode areas: Oslo (and Akershus), Vestland, Trøndelag.
AREAS = {
    "OSL": [("0001", "1499")],
    "BRG": [("5000", "5999"), ("6700", "6999")],
    "TRD": [("7000", "7999")],
}

STAFF = [
    DemoUser("saksbehandler.oslo", "Ingrid", "Haugen", Role.CASEWORKER, "OSL"),
    DemoUser("saksbehandler2.oslo", "Ahmed", "Karimi", Role.CASEWORKER, "OSL"),
    DemoUser("mekler.oslo", "Marit", "Solberg", Role.MEDIATOR, "OSL"),
    DemoUser("mekler2.oslo", "Jonas", "Berntsen", Role.MEDIATOR, "OSL"),
    DemoUser("mekler3.oslo", "Sofie", "Lie", Role.MEDIATOR, "OSL"),
    DemoUser("saksbehandler.bergen", "Kjersti", "Vik", Role.CASEWORKER, "BRG"),
    DemoUser("mekler.bergen", "Lars", "Eide", Role.MEDIATOR, "BRG"),
    DemoUser("mekler2.bergen", "Amina", "Yusuf", Role.MEDIATOR, "BRG"),
    DemoUser("saksbehandler.trondheim", "Ole", "Aune", Role.CASEWORKER, "TRD"),
    DemoUser("mekler.trondheim", "Hilde", "Strand", Role.MEDIATOR, "TRD"),
    DemoUser("mekler2.trondheim", "Tor", "Moen", Role.MEDIATOR, "TRD"),
    DemoUser("admin", "Anne", "Admin", Role.ADMINISTRATOR, None),
]


def ensure_offices() -> dict[str, Office]:
    offices = {}
    for code, name, region, phone, email in OFFICES:
        contact = {**VISITING[code], "opening_hours": OPENING_HOURS}
        defaults = {"name": name, "region": region, "phone": phone, "email": email, **contact}
        offices[code], _created = Office.objects.get_or_create(code=code, defaults=defaults)
        ensure_contact(offices[code], contact)
        ensure_areas(offices[code])
    return offices


def ensure_contact(office: Office, contact: dict[str, str]) -> None:
    """Fill in the visiting address and opening hours of a demo office made before they existed;
    what an administrator has filled in is left alone."""
    missing = [name for name, value in contact.items() if not getattr(office, name) and value]
    for name in missing:
        setattr(office, name, contact[name])
    if missing:
        office.save(update_fields=missing)


def ensure_areas(office: Office) -> None:
    """Give a demo office its postcode areas once, so self-referrals find it."""
    if not office.areas.exists():
        OfficeArea.objects.bulk_create(
            OfficeArea(office=office, postcode_from=first, postcode_to=last) for first, last in AREAS[office.code]
        )


def ensure_staff(offices: dict[str, Office]) -> dict[str, User]:
    users = {}
    for person in STAFF:
        user = User.objects.filter(username=person.username).first()
        if user is None:
            is_admin = person.role == Role.ADMINISTRATOR
            user = User.objects.create_user(
                username=person.username,
                password=DEMO_PASSWORD,
                first_name=person.first_name,
                last_name=person.last_name,
                role=person.role,
                office=offices[person.office_code] if person.office_code else None,
                is_staff=is_admin,
                is_superuser=is_admin,
            )
        signin_services.add_demo_app(user=user)  # staff confirm sign-ins: `demo_code USER` prints the code
        users[person.username] = user
    return users
