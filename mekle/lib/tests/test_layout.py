"""The layout's menu and language switch: what each person is offered, in their language."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from mekle.lib.templatetags.layout import language_options, main_menu, personal_links


def test_a_caseworker_is_offered_cases_and_referrals_with_the_current_page_marked(alice):
    with translation.override("en"):
        menu = main_menu(alice, "referral")
    assert f'<a class="ds-link" href="{reverse("workspace:case_list")}">Cases</a>' in menu
    assert (
        f'<a class="ds-link" href="{reverse("workspace:referral_new")}" aria-current="page">Register referral</a>'
        in menu
    )
    assert reverse("admin:index") not in menu
    assert 'aria-label="Main menu"' in menu


def test_a_mediator_registers_no_referrals_and_staff_get_the_administration(mia):
    with translation.override("en"):
        assert reverse("workspace:referral_new") not in main_menu(mia, "cases")
        mia.is_staff = True
        assert reverse("admin:index") in main_menu(mia, "cases")


def test_the_menu_speaks_the_pages_language(alice):
    with translation.override("nb"):
        assert "Saker" in main_menu(alice, "cases")
    with translation.override("en"):
        assert "Cases" in main_menu(alice, "cases")


def test_no_staff_menu_for_the_signed_out_parties_or_journal_keepers(ola_user):
    from mekle.testing.cast import make_user

    assert main_menu(AnonymousUser(), "") == ""
    assert main_menu(ola_user, "") == ""
    assert main_menu(make_user("journal.parent", role="journal"), "") == ""


def test_staff_find_their_sessions_and_factors_beside_their_name(alice):
    with translation.override("en"):
        links = personal_links(alice, "factors")
    assert f'href="{reverse("workspace:my_sessions")}">My sessions</a>' in links
    assert f'href="{reverse("signin:factors")}" aria-current="page">My sign-in factors</a>' in links
    assert reverse("signin:factors") not in main_menu(alice, "factors")


def test_before_the_second_factor_no_staff_links_are_offered(alice):
    alice.is_verified = lambda: False  # as django-otp's middleware says before the code is given
    assert main_menu(alice, "cases") == ""
    assert personal_links(alice, "") == ""


def test_no_personal_links_for_the_signed_out_parties_or_journal_keepers(ola_user):
    assert personal_links(AnonymousUser(), "") == ""
    assert personal_links(ola_user, "") == ""


def test_each_language_is_named_in_itself_and_the_current_one_is_selected():
    with translation.override("nn"):
        options = language_options()
    assert '<option value="nb" lang="nb">Norsk (bokmål)</option>' in options
    assert '<option value="nn" lang="nn" selected>Norsk (nynorsk)</option>' in options
    assert '<option value="en" lang="en">English</option>' in options


def test_the_page_carries_the_menu_and_the_switch(client, alice):
    client.force_login(alice)
    body = client.get(reverse("workspace:case_list")).content.decode()
    assert f'href="{reverse("workspace:case_list")}" aria-current="page"' in body
    assert '<option value="nb" lang="nb" selected>Norsk (bokmål)</option>' in body
