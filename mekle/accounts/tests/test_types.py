"""Who acts: a row records the signed-in user, and nobody for the system or a visitor."""

from django.contrib.auth.models import AnonymousUser

from mekle.accounts.types import signed_in_user


def test_a_row_records_the_signed_in_user_and_nobody_for_the_system_or_a_visitor(alice):
    assert signed_in_user(alice) is alice
    assert signed_in_user(None) is None
    assert signed_in_user(AnonymousUser()) is None
