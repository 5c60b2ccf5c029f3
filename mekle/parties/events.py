"""The event kinds the `parties` app records."""

from django.utils.translation import gettext_lazy as _

from mekle.cases.events import register

PARTY_ADDED = register("party_added", _("%(name)s added as a party"))
GUARDIAN_ADDED = register("guardian_added", _("%(name)s added as guardian of %(party_name)s"))
CONSENT_GIVEN = register("consent_given", _("Consent recorded from %(name)s"))
CONSENT_WITHDRAWN = register("consent_withdrawn", _("%(name)s withdrew consent"))
GUARDIAN_CONSENT_WAIVED = register(
    "guardian_consent_waived", _("%(name)s may consent without a guardian (15 or older, civil case)")
)
PREPARATION_ANSWERS_SAVED = register("preparation_answers_saved", _("%(name)s answered the preparation questions"))
PREPARATION_HELD = register("preparation_held", _("Preparatory talk held with %(name)s"))
PORTAL_INVITATION_CREATED = register("portal_invitation_created", _("Portal sign-in link created for %(name)s"))
PORTAL_INVITATION_REVOKED = register("portal_invitation_revoked", _("Portal sign-in link revoked for %(name)s"))
PORTAL_SIGNED_IN = register("portal_signed_in", _("%(name)s signed in to the portal with a personal link"))
PORTAL_ACCOUNT_LINKED = register("portal_account_linked", _("Portal account for %(name)s linked through ID-porten"))
PORTAL_LINK_REQUESTED = register(
    "portal_link_requested", _("%(name)s asked for a new portal sign-in link, and it was e-mailed")
)
PORTAL_ACCESS_ENDED = register("portal_access_ended", _("Portal access ended for %(name)s"))
