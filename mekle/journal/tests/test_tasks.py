"""The journal's e-mails from the worker: a sign-in link asked for on a page."""

from mekle.journal import tasks
from mekle.testing.journal import keeper


def test_asking_for_a_link_hands_the_look_up_to_a_task(db, mailoutbox, django_capture_on_commit_callbacks):
    keeper()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.ask_for_sign_in_link(email="nobody@example.no")
        tasks.ask_for_sign_in_link(email="nora@example.no")
    assert [message.to for message in mailoutbox] == [["nora@example.no"]]  # nobody else is told anything
