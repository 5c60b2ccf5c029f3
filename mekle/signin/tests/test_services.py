"""Recording and ending staff sessions, by the services alone."""

import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from mekle.lib.errors import Refusal
from mekle.signin import services
from mekle.signin.models import StaffAuditEntry, StaffSession
from mekle.signin.selectors import active_sessions_of


def stored_session():
    store = SessionStore()
    store.create()
    return store.session_key


def start(user, *, at=None):
    return services.start_session(
        user=user, session_key=stored_session(), ip_address=None, user_agent="", now=at or timezone.now()
    )


def test_a_sign_in_clears_away_sessions_that_ran_out_unseen(alice):
    stale = start(alice, at=timezone.now() - dt.timedelta(minutes=31))
    too_old = start(alice, at=timezone.now() - dt.timedelta(hours=11))
    StaffSession.objects.filter(pk=too_old.pk).update(last_seen_at=timezone.now())
    alive = start(alice, at=timezone.now() - dt.timedelta(minutes=5))

    fresh = start(alice)

    assert set(StaffSession.objects.filter(user=alice)) == {alive, fresh}
    assert not SessionStore().exists(stale.session_key)
    assert not StaffAuditEntry.objects.exists()  # nobody was signed out: those sessions were dead already


def test_signing_in_again_in_a_session_that_ran_out_keeps_the_session_being_signed_in_to(alice):
    # A shared cache can still hold a session that the staff limits ended; Django saves it right
    # after the sign-in, so the sign-in must not delete it from the store under Django's feet.
    stale = start(alice, at=timezone.now() - dt.timedelta(minutes=31))

    again = services.start_session(
        user=alice, session_key=stale.session_key, ip_address=None, user_agent="", now=timezone.now()
    )

    assert SessionStore().exists(stale.session_key)
    assert list(StaffSession.objects.filter(user=alice)) == [again]
    assert again.last_seen_at > stale.last_seen_at


def test_the_list_leaves_out_sessions_that_ran_out(alice):
    alive = start(alice)
    StaffSession.objects.create(
        user=alice,
        session_key="x" * 32,
        started_at=timezone.now() - dt.timedelta(hours=1),
        last_seen_at=timezone.now() - dt.timedelta(minutes=30),
    )
    assert list(active_sessions_of(alice)) == [alive]


def test_one_cannot_end_another_persons_session_through_the_service(alice, bob):
    bobs = start(bob)
    with pytest.raises(Refusal):
        services.end_session(actor=alice, session=bobs, current_session_key=None)
    assert StaffSession.objects.filter(pk=bobs.pk).exists()
    assert SessionStore().exists(bobs.session_key)


def test_ending_the_other_sessions_keeps_the_one_named(alice):
    kept, other = start(alice), start(alice)
    assert services.end_other_sessions(user=alice, keep_session_key=kept.session_key, why="test") == 1
    assert list(StaffSession.objects.all()) == [kept]
    assert SessionStore().exists(kept.session_key)
    assert not SessionStore().exists(other.session_key)
