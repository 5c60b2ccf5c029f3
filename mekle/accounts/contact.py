"""How to reach the service: an office's contact details, or the service's general contact.

`layout/_office_contact.html` and `email/_office_contact.txt` show either: both have `name`,
`phone`, `email`, `visiting_address` and `opening_hours`.
"""

from dataclasses import dataclass

from django.conf import settings

from .models import Office


@dataclass(frozen=True)
class ServiceContact:
    """The service's general contact (``MEKLE_SERVICE_CONTACT_*``), for what concerns no office."""

    name: str
    phone: str
    email: str
    visiting_address: str
    opening_hours: str


def general_contact() -> ServiceContact:
    return ServiceContact(
        name=settings.MEKLE_SERVICE_CONTACT_NAME,
        phone=settings.MEKLE_SERVICE_CONTACT_PHONE,
        email=settings.MEKLE_SERVICE_CONTACT_EMAIL,
        visiting_address=settings.MEKLE_SERVICE_CONTACT_ADDRESS,
        opening_hours=settings.MEKLE_SERVICE_CONTACT_OPENING_HOURS,
    )


def contact_for(office: Office | None) -> Office | ServiceContact:
    """Whom a person should contact: the office that has their case, else the service."""
    return office if office is not None else general_contact()
