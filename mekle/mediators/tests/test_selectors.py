"""The case list's mediator choices: kept in the cache, and dropped the moment a user changes."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mekle.accounts.models import Role
from mekle.mediators.selectors import MEDIATOR_CHOICES_KEY, mediator_choices_of_office
from mekle.testing.cast import make_user


def test_the_choices_are_the_offices_active_mediators_by_name(office_a, office_b, mia, mats):
    make_user("nina", office=office_b, role=Role.MEDIATOR)
    make_user("olga", office=office_a, role=Role.MEDIATOR, is_active=False)
    make_user("carl", office=office_a, role=Role.CASEWORKER)
    assert mediator_choices_of_office(office_a.pk) == sorted(
        [(mia.pk, str(mia)), (mats.pk, str(mats))], key=lambda c: c[1]
    )


def test_the_choices_are_read_once_and_then_kept(office_a, mia):
    mediator_choices_of_office(office_a.pk)
    with CaptureQueriesContext(connection) as queries:
        assert mediator_choices_of_office(office_a.pk) == [(mia.pk, str(mia))]
    assert len(queries) == 0


def test_a_new_mediator_appears_at_once(office_a, mia):
    mediator_choices_of_office(office_a.pk)
    newcomer = make_user("nils", office=office_a, role=Role.MEDIATOR)
    assert (newcomer.pk, str(newcomer)) in mediator_choices_of_office(office_a.pk)


def test_a_mediator_who_moves_office_leaves_the_old_offices_choices(office_a, office_b, mia):
    assert mediator_choices_of_office(office_a.pk) == [(mia.pk, str(mia))]
    mia.office = office_b
    mia.save()
    assert mediator_choices_of_office(office_a.pk) == []
    assert mediator_choices_of_office(office_b.pk) == [(mia.pk, str(mia))]


def test_a_deleted_mediator_disappears(office_a, mats):
    mediator_choices_of_office(office_a.pk)
    mats.delete()
    assert mediator_choices_of_office(office_a.pk) == []


def test_signing_in_keeps_the_choices(office_a, mia, alice):
    from django.contrib.auth.signals import user_logged_in
    from django.test import RequestFactory

    mediator_choices_of_office(office_a.pk)
    user_logged_in.send(sender=type(alice), request=RequestFactory().get("/"), user=alice)  # saves last_login
    assert cache.get(MEDIATOR_CHOICES_KEY) is not None
