"""What a request says about where it came from, behind the proxy we are told about."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The sender's address: from the proxy's header when one is configured, else the socket's."""
    header = settings.MEKLE_CLIENT_IP_HEADER
    forwarded = str(request.META.get(header, "")) if header else ""
    # A proxy that appends to X-Forwarded-For puts the address it saw last.
    return forwarded.split(",")[-1].strip() or str(request.META.get("REMOTE_ADDR", ""))
