"""Links in e-mails to parties: absolute, pointing at the pages the portal says it serves."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from mekle.parties import links, services
from mekle.parties.participants import Participant


def test_links_are_absolute_and_point_at_the_portal_pages(settings, alice, ola):
    settings.MEKLE_PUBLIC_URL = "https://mekle.example"
    invitation = services.invite_to_portal(actor=alice, participant=Participant(ola), send_email=False).invitation
    assert links.invitation_url(invitation).startswith(f"https://mekle.example/portal/sign-in/{invitation.pk}/?")
    assert links.new_link_url() == "https://mekle.example/portal/sign-in/new-link/"
    assert links.portal_home_url() == "https://mekle.example/portal/"


def test_without_a_door_serving_the_portal_no_link_can_be_made(monkeypatch):
    monkeypatch.setattr(links, "_served", [])
    with pytest.raises(ImproperlyConfigured):
        links.new_link_url()
