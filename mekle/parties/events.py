"""The event kinds the `parties` app records."""

from django.utils.translation import gettext_lazy as _

from mekle.cases.events import register

PARTY_ADDED = register("party_added", _("%(name)s added as a party"))
GUARDIAN_ADDED = register("guardian_added", _("%(name)s added as guardian of %(party_name)s"))
CONSENT_GIVEN = register("consent_given", _("Consent recorded from %(name)s"))
CONSENT_WITHDRAWN = register("consent_withdrawn", _("%(name)s withdrew consent"))
PREPARATION_HELD = register("preparation_held", _("Preparatory talk held with %(name)s"))
