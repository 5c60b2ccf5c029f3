"""The staff's sign-in pages: the password at /login/, then the second factor on its own page, the
first enrolment, and each person's page of their own sign-in factors.

The password step is Django's LoginView (the fields `username` and `password` stay, so scripts and
bookmarks keep working); a member of staff is then signed in but not verified, and the middleware
lets them reach only these pages until a code, a recovery code or a passkey verifies the session.
"""

from base64 import b32encode
from functools import wraps
from typing import Any
from urllib.parse import urlencode, urlsplit

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mekle.lib.errors import Refusal
from mekle.signin import rules, selectors, services
from mekle.signin.forms import CodeForm, ConfirmAppForm, PasskeyForm, SignInForm
from mekle.signin.middleware import second_factor_url

NEW_CODES_SESSION_KEY = "signin_new_recovery_codes"
REGISTRATION_CHALLENGE_KEY = "signin_passkey_registration"
SIGN_IN_CHALLENGE_KEY = "signin_passkey_sign_in"


class StaffLoginView(LoginView):
    """The password step. Staff go on to their second factor (or enrol), keeping `next`."""

    template_name = "registration/login.html"
    form_class = SignInForm  # Django's, saying "try again later" when a lockout refused it

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        if rules.needs_second_factor(user):
            return HttpResponseRedirect(second_factor_url(user, self.get_success_url()))
        return response


def next_url(request: HttpRequest) -> str:
    """Where the person was going (a page of this site only), else the workspace."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def staff_only(view: Any) -> Any:
    """Signed in, and a member of staff: a party or journal keeper has no staff factors to see."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not rules.can_manage_own_factors(request.user):
            raise PermissionDenied
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    return wrapper


def relying_party(request: HttpRequest) -> services.RelyingParty:
    """This site, as the browser names it: the host name (no port), and the origin of the request."""
    host = request.get_host()
    return services.RelyingParty(
        id=settings.MEKLE_WEBAUTHN_RP_ID or urlsplit(f"//{host}").hostname or host,
        origins=settings.MEKLE_WEBAUTHN_ORIGINS or [f"{request.scheme}://{host}"],
    )


def verified(request: HttpRequest, device: Any) -> HttpResponse:
    django_otp.login(request, device)
    return redirect(next_url(request))


# --- Signing in -------------------------------------------------------------------------------------


@staff_only
def second_factor(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app, a recovery code, or a passkey."""
    user: Any = request.user
    if user.is_verified():
        return redirect(next_url(request))
    if not selectors.has_factor(user):
        return redirect(second_factor_url(user, next_url(request)))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        result = services.verify_code(user=user, code=form.cleaned_data["code"], request=request)
        if result.device is not None:
            return verified(request, result.device)
        if result.locked_until is not None:
            form.add_error("code", _("Too many wrong codes. Wait a little and try again."))
        else:
            form.add_error("code", _("The code is wrong or has been used. Try again."))
    context = {"form": form, "next": next_url(request), "passkeys": bool(selectors.passkeys_for(user))}
    return render(request, "signin/second_factor.html", context, status=400 if form.is_bound else 200)


@staff_only
def enrol(request: HttpRequest) -> HttpResponse:
    """The first sign-in: add an authenticator app before anything else."""
    user: Any = request.user
    if selectors.has_factor(user):
        return redirect(second_factor_url(user, next_url(request)) if not user.is_verified() else next_url(request))
    return _app_page(request, first=True)


@staff_only
def add_app(request: HttpRequest) -> HttpResponse:
    """Add another authenticator app (a new phone), from the page of one's own factors."""
    return _app_page(request, first=False)


def _app_page(request: HttpRequest, *, first: bool) -> HttpResponse:
    user: Any = request.user
    device = services.start_totp(user=user)
    form = ConfirmAppForm(request.POST or None)
    if form.is_valid():
        codes = services.confirm_totp(user=user, device=device, code=form.cleaned_data["code"], request=request)
        if codes is not None:
            django_otp.login(request, device)
            messages.success(request, _("The authenticator app is added."))
            if codes:
                request.session[NEW_CODES_SESSION_KEY] = codes
                return redirect(f"{reverse('signin:recovery_codes')}?{_next_query(request)}")
            return redirect(next_url(request) if first else reverse("signin:factors"))
        form.add_error("code", _("The code is wrong. Check the time on your phone and try the newest code."))
    uri = device.config_url
    context = {
        "form": form,
        "first": first,
        "next": next_url(request),
        "qr": segno.make(uri, error="m").svg_inline(scale=4, title=_("QR code for the authenticator app")),
        "secret": " ".join(_groups(b32encode(device.bin_key).decode(), 4)),
        "uri": uri,
    }
    return render(request, "signin/add_app.html", context, status=400 if form.is_bound else 200)


def _groups(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def _next_query(request: HttpRequest) -> str:
    return urlencode({"next": next_url(request)})


@staff_only
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, shown once: a reload shows them no more."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect(reverse("signin:factors"))
    shown = [" ".join(_groups(code, 4)) for code in codes]
    return render(request, "signin/recovery_codes.html", {"codes": shown, "next": next_url(request)})


# --- One's own factors ------------------------------------------------------------------------------


@staff_only
def factors(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    rows = [{"device": d, "kind": selectors.factor_kind(d)} for d in selectors.factors_for(user)]
    context = {"factors": rows, "codes_left": selectors.recovery_codes_left(user), "nav": "factors"}
    return render(request, "signin/factors.html", context)


@require_POST
@staff_only
def remove_factor(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    device = selectors.own_factor(request.user, kind, pk)
    if device is None:
        raise Http404
    try:
        services.remove_factor(user=request.user, device=device, request=request)
    except Refusal as refusal:
        for reason in refusal.reasons:
            messages.error(request, reason)
    else:
        messages.success(request, _("The sign-in factor is removed."))
    return redirect("signin:factors")


@require_POST
@staff_only
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    request.session[NEW_CODES_SESSION_KEY] = services.make_recovery_codes(user=request.user, request=request)
    return redirect(f"{reverse('signin:recovery_codes')}?next={reverse('signin:factors')}")


# --- Passkeys (the script in static/mekle/passkeys.js talks to these) -------------------------------


def _answer(request: HttpRequest, form_ok: bool) -> PasskeyForm | None:
    form = PasskeyForm(request.POST)
    return form if form.is_valid() and form_ok else None


@require_POST
@staff_only
def passkey_registration_options(request: HttpRequest) -> HttpResponse:
    options, challenge = services.passkey_registration_options(user=request.user, party=relying_party(request))
    request.session[REGISTRATION_CHALLENGE_KEY] = challenge.hex()
    return HttpResponse(options, content_type="application/json")


@require_POST
@staff_only
def register_passkey(request: HttpRequest) -> HttpResponse:
    challenge = request.session.pop(REGISTRATION_CHALLENGE_KEY, "")
    form = _answer(request, bool(challenge))
    if form is None:
        return JsonResponse({"error": _("The passkey could not be added. Try again.")}, status=400)
    try:
        services.register_passkey(
            user=request.user,
            credential=form.cleaned_data["credential"],
            challenge=bytes.fromhex(challenge),
            party=relying_party(request),
            name=form.cleaned_data["name"],
            request=request,
        )
    except Refusal as refusal:
        return JsonResponse({"error": " ".join(refusal.reasons)}, status=400)
    messages.success(request, _("The passkey is added."))
    return JsonResponse({"redirect": reverse("signin:factors")})


@require_POST
@staff_only
def passkey_sign_in_options(request: HttpRequest) -> HttpResponse:
    options, challenge = services.passkey_sign_in_options(user=request.user, party=relying_party(request))
    request.session[SIGN_IN_CHALLENGE_KEY] = challenge.hex()
    return HttpResponse(options, content_type="application/json")


@require_POST
@staff_only
def passkey_sign_in(request: HttpRequest) -> HttpResponse:
    challenge = request.session.pop(SIGN_IN_CHALLENGE_KEY, "")
    form = _answer(request, bool(challenge))
    device = (
        services.verify_passkey(
            user=request.user,
            credential=form.cleaned_data["credential"],
            challenge=bytes.fromhex(challenge),
            party=relying_party(request),
            request=request,
        )
        if form is not None
        else None
    )
    if device is None:
        return JsonResponse({"error": _("The passkey was not accepted. Try again, or use a code.")}, status=400)
    django_otp.login(request, device)
    return JsonResponse({"redirect": next_url(request)})
