"""A party reads their agreement in full and signs it for themselves; nobody else's."""

import pytest
from django.urls import reverse

from mekle.access.models import AccessLogEntry
from mekle.agreements import services
from mekle.agreements.models import Signature
from mekle.mediators import services as mediator_services
from mekle.testing.agreements import draft, hold_meeting_with_agreement
from mekle.testing.cast import portal_user_of


@pytest.fixture
def sent(case, alice, mia):
    hold_meeting_with_agreement(alice, mia, case)
    return services.send_for_signing(actor=mia, version=draft(mia, case))


def page(case):
    return reverse("portal:agreement", args=[case.reference])


def test_the_case_page_asks_for_the_signature_when_it_is_due(client, sent, case, ola_user):
    client.force_login(ola_user)
    body = client.get(reverse("portal:case", args=[case.reference])).content.decode()
    assert f'<a class="ds-button" data-variant="primary" href="{page(case)}">' in body


def test_a_party_reads_the_full_text_and_signs_with_the_statement(client, sent, case, ola, ola_user):
    client.force_login(ola_user)
    response = client.get(page(case))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kari Nordmann ber om unnskyldning." in body
    # Citizens are not shown the SHA-256 fingerprint; it stays in the document and the record.
    assert sent.content_hash not in body
    assert "SHA-256" not in body
    refused = client.post(page(case), {})
    assert refused.status_code == 400
    assert not Signature.objects.exists()
    assert client.post(page(case), {"agrees": "on"})["Location"] == reverse("portal:case", args=[case.reference])
    signature = Signature.objects.get()
    assert (signature.party, signature.method, signature.content_hash) == (ola, "portal", sent.content_hash)
    after = client.get(reverse("portal:case", args=[case.reference])).content.decode()
    assert "signerte" in after or "signed" in after
    again = client.post(page(case), {"agrees": "on"})
    assert again.status_code == 400
    assert Signature.objects.count() == 1


def test_a_guardian_signs_as_guardian(client, minor_case, alice, mia):
    mediator_services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    hold_meeting_with_agreement(alice, mia, minor_case)
    services.send_for_signing(actor=mia, version=draft(mia, minor_case))
    emil = minor_case.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    client.force_login(portal_user_of(emil, hanne))
    assert client.post(page(minor_case), {"agrees": "on"}).status_code == 302
    assert Signature.objects.get().guardian == hanne


def test_before_the_agreement_is_sent_there_is_nothing_to_read(client, case, alice, mia, ola_user):
    hold_meeting_with_agreement(alice, mia, case)
    draft(mia, case)
    client.force_login(ola_user)
    response = client.get(page(case))
    assert response.status_code == 200
    assert "Kari Nordmann ber om unnskyldning." not in response.content.decode()


def test_a_party_of_another_case_can_neither_read_nor_sign(client, sent, case, other_case):
    siri = portal_user_of(other_case.parties.get(full_name="Siri Strand"))
    client.force_login(siri)
    assert client.get(page(case)).status_code == 404
    assert client.post(page(case), {"agrees": "on"}).status_code == 404
    assert not Signature.objects.exists()


def test_a_replaced_version_cannot_be_signed(client, sent, case, mia, ola_user):
    services.revise(actor=mia, version=sent)
    client.force_login(ola_user)
    response = client.post(page(case), {"agrees": "on"})
    assert response.status_code == 400
    assert not Signature.objects.exists()


def test_the_other_partys_contact_details_are_never_shown(client, sent, case, kari, ola_user):
    kari.phone, kari.email, kari.address = "98765432", "kari@example.no", "Hekkveien 2"
    kari.save()
    client.force_login(ola_user)
    body = client.get(page(case)).content.decode()
    for secret in ("98765432", "kari@example.no", "Hekkveien 2"):
        assert secret not in body


def test_reading_the_agreement_is_logged(client, sent, case, ola_user):
    client.force_login(ola_user)
    client.get(page(case))
    assert AccessLogEntry.objects.filter(what="portal_agreement", case_reference=case.reference).exists()


@pytest.mark.parametrize("count", [2, 10])
def test_the_agreement_page_reads_a_fixed_number_of_queries(
    client, case, alice, mia, ola_user, count, django_assert_max_num_queries
):
    from mekle.testing.agreements import apology

    hold_meeting_with_agreement(alice, mia, case)
    kari = case.parties.get(full_name="Kari Nordmann")
    services.send_for_signing(actor=mia, version=draft(mia, case, [apology(kari) for _ in range(count)]))
    client.force_login(ola_user)
    with django_assert_max_num_queries(14):
        assert client.get(page(case)).status_code == 200


def next_step_on_case_page(client, case):
    return client.get(reverse("portal:case", args=[case.reference])).context["next_step"]


def test_the_next_step_follows_the_partys_own_signature(client, case, alice, mia, ola_user):
    client.force_login(ola_user)
    client.cookies["django_language"] = "en"
    hold_meeting_with_agreement(alice, mia, case)
    assert "You will be asked to read and sign it" in next_step_on_case_page(client, case)
    version = draft(mia, case)
    assert "You will be asked to read and sign it" in next_step_on_case_page(client, case)  # a draft is not shown
    services.send_for_signing(actor=mia, version=version)
    assert next_step_on_case_page(client, case) == "Read the agreement, and sign it if it says what you agreed."
    client.post(page(case), {"agrees": "on"})
    assert next_step_on_case_page(client, case) == (
        "The mediator approves the agreement once everyone who must sign has signed."
    )


def test_the_next_step_is_in_bokmal_by_default(client, sent, case, ola_user):
    client.force_login(ola_user)
    body = client.get(reverse("portal:case", args=[case.reference])).content.decode()
    assert "Les avtalen, og signer den hvis den sier det dere ble enige om." in body
