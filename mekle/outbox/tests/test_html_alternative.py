"""An e-mail with an HTML part: the outbox keeps the part until it is sent, sends it beside the text
under the same Message-ID on every attempt, and forgets it with the text once sent."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction

from mekle.accounts.models import Office
from mekle.outbox import services, tasks
from mekle.outbox.compose import compose
from mekle.outbox.models import EmailStatus, OutboxEmail

SECRET = "https://mekle.example/logg-inn/secret"


def two_parts() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives("Ny melding", f"Lenke: {SECRET}", None, ["ola@example.no"])
    message.attach_alternative(f'<p><a href="{SECRET}">Logg inn</a></p>', "text/html")
    return message


def test_the_html_part_is_kept_sent_under_the_message_id_and_then_forgotten(db, settings):
    with transaction.atomic():
        (email,) = services.queue_emails([two_parts()], source="test", keys=["1"], hand_to_worker=False)
    assert SECRET in OutboxEmail.objects.get(pk=email.pk).html_body
    assert tasks.send_queued([email]) == 1
    (sent,) = mail.outbox
    assert isinstance(sent, EmailMultiAlternatives)
    assert sent.body == f"Lenke: {SECRET}"
    assert [(content, mimetype) for content, mimetype in sent.alternatives] == [
        (f'<p><a href="{SECRET}">Logg inn</a></p>', "text/html")
    ]
    assert sent.extra_headers["Message-ID"] == f"<{email.pk}@{settings.MEKLE_MESSAGE_ID_DOMAIN}>"
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert (email.body, email.html_body, email.to) == ("", "", [])  # the link is in neither part any more
    raw = sent.message().as_string()
    assert "multipart/alternative" in raw
    assert "text/plain" in raw
    assert "text/html" in raw


def test_a_plain_text_e_mail_goes_as_plain_text(db):
    with transaction.atomic():
        (email,) = services.queue_emails(
            [EmailMessage("s", "b", None, ["a@example.no"])], source="test", hand_to_worker=False
        )
    assert email.html_body == ""
    tasks.send_queued([email])
    (sent,) = mail.outbox
    assert isinstance(sent, EmailMultiAlternatives)  # the outbox sends every row the same way
    assert sent.alternatives == []


def test_the_outbox_keeps_one_html_alternative_only(db):
    other = EmailMultiAlternatives("s", "b", None, ["a@example.no"])
    other.attach_alternative("{}", "application/json")
    twice = two_parts()
    twice.attach_alternative("<p>again</p>", "text/html")
    for message in (other, twice):
        with pytest.raises(TypeError), transaction.atomic():
            services.queue_emails([message], source="test", hand_to_worker=False)
    assert not OutboxEmail.objects.exists()


def test_the_console_backend_prints_both_parts(db, settings, capsys):
    """What development shows: the console backend writes the whole message, HTML part and all."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    office = Office.objects.create(code="OSL", name="Konfliktrådet i Oslo", phone="22 00 00 01")
    message = compose(
        "dialogue/email/new_message", {"url": "u", "new_link_url": "n"}, to=["a@example.no"], office=office
    )
    with transaction.atomic():
        (email,) = services.queue_emails([message], source="test", hand_to_worker=False)
    tasks.send_queued([email])
    printed = capsys.readouterr().out
    assert "text/plain" in printed
    assert "text/html" in printed
    assert "tel:22000001" in printed
