"""Where a request came from: the socket's address, or the configured proxy header's last hop."""

from django.test import RequestFactory

from mekle.lib.http import client_ip


def test_without_a_proxy_header_the_socket_address_counts(settings):
    settings.MEKLE_CLIENT_IP_HEADER = ""
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.9"


def test_behind_a_proxy_the_address_it_saw_last_counts(settings):
    settings.MEKLE_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4")
    assert client_ip(request) == "1.2.3.4"
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="10.0.0.9")) == "10.0.0.9"
