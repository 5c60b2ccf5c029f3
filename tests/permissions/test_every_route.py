"""Every named route of every door is tried by some permission matrix.

Each matrix module says which routes it tries (`MATRIX_ROUTES`, built from the URL configuration
it enumerates). A new route fails here until a matrix tries it, or until it is named below as a
page anyone may open. The list of routes no matrix tries yet is empty and may only shrink.
"""

import importlib
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

MATRICES = sorted(p.stem for p in Path(__file__).parent.glob("test_*_matrix.py"))

# Pages for anyone (signed in or not): no case, no person, nothing to refuse.
PUBLIC = {
    "healthz",
    "login",
    "logout",
    "set_language",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "oidc_logout",
    "oidc_sign_in_failed",
    "api-v1:api-root",
    "api-v1:openapi-json",
    "api-v1:openapi-view",
    "portal:front_page",
    "portal:help_start",
    "portal:help_emergency",
    "portal:help_family_mediation",
    "portal:help_police_decides",
    "portal:help_report_to_police",
    "portal:sign_in_help",
    "portal:request_link",
    "portal:link_sent",
    "portal:sign_in",
    "portal:sign_out",
    "portal:self_referral",
    "portal:self_referral_sent",
    "portal:check_record",
    "portal:contact",
    "portal:accessibility",
    "portal:privacy",
}
# Routes no matrix tries yet. Emptied in December 2026 (it held seven); it may only shrink, so a new
# route goes into a matrix, never onto this list, and while it is empty every named route that is
# not public is tried by some matrix.
NOT_YET_IN_A_MATRIX: frozenset[str] = frozenset()
AT_MOST_NOT_YET = 0  # lowered as the list shrinks; never raised


def named_routes(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # Django's admin guards itself (staff only)
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def tried_by_matrices():
    tried = set()
    for name in MATRICES:
        tried |= importlib.import_module(f"tests.permissions.{name}").MATRIX_ROUTES
    return tried


def test_every_named_route_is_in_some_matrix():
    routes = set(named_routes(get_resolver().url_patterns))
    untried = routes - tried_by_matrices() - PUBLIC
    assert untried == NOT_YET_IN_A_MATRIX  # empty: every route but the public pages is in a matrix


def test_the_list_of_routes_in_no_matrix_only_shrinks():
    assert len(NOT_YET_IN_A_MATRIX) <= AT_MOST_NOT_YET


def test_the_lists_name_only_routes_that_exist_and_need_them():
    routes = set(named_routes(get_resolver().url_patterns))
    assert routes >= PUBLIC | NOT_YET_IN_A_MATRIX
    assert not NOT_YET_IN_A_MATRIX & tried_by_matrices()
    assert {"workspace:case_page", "portal:case", "api-v1:send_referral", "portal:journal_home"} <= tried_by_matrices()
