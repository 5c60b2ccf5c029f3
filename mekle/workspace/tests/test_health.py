"""The no-op health endpoint answers without touching the database."""

from django.urls import reverse


def test_healthz_answers_ok_without_a_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert (response.status_code, response.content) == (200, b"ok")
