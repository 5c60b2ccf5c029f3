"""The public front page: what the service is, and the ways in."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mekle.access import rules
from mekle.lib.middleware import public_page


@public_page
def front_page(request: HttpRequest) -> HttpResponse:
    """For the public; signed-in staff go straight to their workspace."""
    if rules.can_use_workspace(request.user):
        return redirect("workspace:case_list")
    return render(request, "portal/front_page.html", {"nav": "front"})
