"""An e-mail as Mekle sends it: a neutral subject, a plain-text part and an HTML part, from templates.

Each kind of e-mail has three templates, ``<name>_subject.txt``, ``<name>_body.txt`` and
``<name>_body.html`` (the HTML one extends ``email/base.html``). Both parts end with the contact
details of the office that has the case (``email/_office_contact.txt`` and
``layout/_office_contact.html``), or the service's general contact when no office has it (a journal).
Render in the reader's language: call inside `translation.override`.
"""

from collections.abc import Mapping, Sequence

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from mekle.accounts.contact import contact_for
from mekle.accounts.models import Office


def compose(
    name: str, context: Mapping[str, object], *, to: Sequence[str], office: Office | None
) -> EmailMultiAlternatives:
    """The e-mail `name` (``dialogue/email/new_message``) to `to`, signed with `office`'s contact details."""
    context = {**context, "contact": contact_for(office)}
    subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
    text = render_to_string(f"{name}_body.txt", context).rstrip()
    footer = render_to_string("email/_office_contact.txt", context).strip()
    html = render_to_string(f"{name}_body.html", context)
    message = EmailMultiAlternatives(subject, f"{text}\n\n-- \n{footer}\n", None, list(to))
    message.attach_alternative(html, "text/html")
    return message
