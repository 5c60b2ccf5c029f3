"""The page that asks a party to sign in with ID-porten before the messages, the agreement documents
or the good-faith record (mekle.signin.assurance says when)."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from mekle.signin import assurance

from .common import portal_view
from .oidc import STEP_UP_PARAMETER


@portal_view
@require_GET
def step_up(request: HttpRequest) -> HttpResponse:
    if not settings.MEKLE_OIDC_ENABLED:
        raise Http404("ID-porten is not switched on")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = reverse("portal:home")
    if not assurance.step_up_needed(request.session):
        return redirect(next_url)
    context = {
        "nav": "portal",
        "next": next_url,
        "step_up_parameter": STEP_UP_PARAMETER,
        "signed_in_lower": bool(assurance.level_of(request.session)),
    }
    return render(request, "portal/step_up.html", context)
