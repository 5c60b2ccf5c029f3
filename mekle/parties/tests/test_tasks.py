"""Background e-mail for the people in a case: a page's request handed to the worker."""

from mekle.parties import tasks


def test_the_request_is_handed_to_a_task(invited_ola, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.ask_for_portal_links(email="ola@example.no")
    assert len(mailoutbox) == 1
    assert "/portal/sign-in/new-link/" in mailoutbox[0].body  # and says where to ask again
