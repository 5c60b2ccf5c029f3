"""Links in the journal's e-mails: absolute, pointing at the pages the portal says it serves."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from mekle.journal import links, services
from mekle.journal.models import Journal
from mekle.journal.selectors import answer_token
from mekle.testing.journal import keeper


def test_links_are_absolute_and_point_at_the_journal_pages(settings, db):
    settings.MEKLE_PUBLIC_URL = "https://mekle.example"
    nora = keeper()
    link = services.create_journal_account(full_name="Nora Berg", email="nora@example.no")
    assert link is not None
    assert links.sign_in_url(link).startswith(f"https://mekle.example/journal/sign-in/{link.pk}/?")
    journal = Journal.objects.get(owner=nora)
    proposal = services.send_proposal(
        actor=nora, journal=journal, text="Fredager kl. 16?", recipient_email="per@example.no"
    )
    assert links.answer_url(proposal) == f"https://mekle.example/journal/answer/{answer_token(proposal)}/"


def test_without_a_door_serving_the_journal_no_link_can_be_made(monkeypatch, db):
    monkeypatch.setattr(links, "_served", [])
    with pytest.raises(ImproperlyConfigured):
        links.answer_url(None)  # type: ignore[arg-type]  # refused before the proposal is read
