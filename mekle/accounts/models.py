"""Offices and the people who work in them."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from mekle.accounts import display_name


class Office(models.Model):
    """A konfliktråd office. Each office is independent in individual cases.

    `code` is the three-letter prefix of its case references (``OSL`` in ``OSL-2026-00042``).
    `phone` and `email` are what parties are told to use when they cannot get in, and the
    organiser of the office's meetings in a calendar. The visiting address (`street_address`,
    `postcode`, `place`) and `opening_hours` (free text, "Mandag–fredag 08.00–15.30") complete the
    contact details shown on the portal's pages, receipts, e-mails and documents
    (``layout/_office_contact.html``).
    """

    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(_("region"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    place = models.CharField(_("postal place"), max_length=100, blank=True)
    opening_hours = models.CharField(
        _("opening hours"), max_length=200, blank=True, help_text=_("For example: Monday–Friday 08.00–15.30")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self) -> str:
        return self.name

    @property
    def visiting_address(self) -> str:
        """The visiting address on one line (Storgata 1, 0155 Oslo), or what of it is filled in."""
        town = " ".join(part for part in (self.postcode, self.place) if part)
        return ", ".join(part for part in (self.street_address, town) if part)


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    MEDIATOR = "mediator", _("Mediator")
    MANAGER = "manager", _("Manager")
    ADMINISTRATOR = "administrator", _("Administrator")
    PARTY = "party", _("Party or guardian (portal)")
    JOURNAL = "journal", _("Parent keeping a cooperation journal")


# The roles of people who work in the service (as against parties and journal keepers): their sessions
# are limited and listed (mekle.signin), and they need a second factor.
STAFF_ROLES = frozenset({Role.CASEWORKER, Role.MEDIATOR, Role.MANAGER, Role.ADMINISTRATOR})


class OfficeArea(models.Model):
    """A range of postcodes an office serves; a self-referral goes to the office whose range holds its postcode."""

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="areas")
    postcode_from = models.CharField(_("first postcode"), max_length=4)
    postcode_to = models.CharField(_("last postcode"), max_length=4)

    class Meta:
        ordering = ["postcode_from"]
        verbose_name = _("office area")
        verbose_name_plural = _("office areas")

    def __str__(self) -> str:
        return f"{self.office}: {self.postcode_from}–{self.postcode_to}"


class User(AbstractUser):
    """A member of staff, a mediator, or a party or guardian who signs in to the portal.

    `office` is where a caseworker works or where a mediator is appointed; `role` decides what
    the workspace shows them. Portal users (role ``party``) have no office and no usable
    password: they sign in by a personal link or through ID-porten. Journal users (role
    ``journal``) are parents keeping a cooperation journal outside any case; they sign in by a
    link sent to their e-mail and are never portal users, even with the same address.
    """

    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return display_name(self.first_name, self.last_name, self.username)

    @property
    def is_caseworker(self) -> bool:
        return self.role == Role.CASEWORKER and self.office_id is not None

    @property
    def is_staff_member(self) -> bool:
        """Works in the service: a staff role, or an account of the Django admin."""
        return self.role in STAFF_ROLES or self.is_staff or self.is_superuser

    @property
    def is_party(self) -> bool:
        return self.role == Role.PARTY

    @property
    def is_journal_keeper(self) -> bool:
        return self.role == Role.JOURNAL

    @property
    def is_mediator(self) -> bool:
        return self.role == Role.MEDIATOR and self.office_id is not None


class RateLimit(models.Model):
    """The recent uses of one limited action by one sender, for `services.take_allowance`.

    `key` names the action and the sender (``portal-link:address:<hmac>``), never an address in
    clear; `hits` holds the times of the uses within the window, oldest first, as ISO strings.
    One row per key is locked while it is read and written, so two requests at once count twice.
    """

    key = models.CharField(max_length=200, unique=True)
    hits = models.JSONField(default=list)
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("rate limit")

    def __str__(self) -> str:
        return self.key
