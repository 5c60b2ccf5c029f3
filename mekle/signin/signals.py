"""Signals of the sign-in app, sent on commit by its services.

`factors_changed(user, actor, request)`: a person's second factors were added, removed or reset
(by themselves, or by an administrator: then `actor` is the administrator). The session handling
ends every other session of that person when it arrives.
"""

from django.dispatch import Signal

factors_changed = Signal()
