"""Signals the journal app sends after commit, so its e-mails go out from the worker."""

from django.dispatch import Signal

# Sent after the transaction that made a sign-in link has committed; kwargs: link_id, language.
sign_in_link_issued = Signal()

# Sent after the transaction that wrote a proposal to the other parent has committed; kwargs:
# proposal_id, language.
proposal_sent = Signal()
