"""What the environment makes of HTTPS and e-mail: the README's production set-up, and a laptop's."""

from mekle.testing.production import documented_environment, settings_for

YEAR = 365 * 24 * 60 * 60


def test_the_documented_production_environment_turns_https_on(tmp_path):
    values = settings_for(documented_environment(tmp_path))
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= YEAR
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert values["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert values["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is True


def test_hsts_is_on_with_secure_cookies_whatever_debug_is(tmp_path):
    values = settings_for({"SECURE_COOKIES": "1", "DEBUG": "1", "SECRET_KEY": "x" * 50})
    assert values["SECURE_HSTS_SECONDS"] >= YEAR
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_a_laptop_without_environment_asks_for_no_https():
    values = settings_for({})
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values.get("SESSION_COOKIE_NAME", "sessionid") == "sessionid"
    assert values.get("CSRF_COOKIE_NAME", "csrftoken") == "csrftoken"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_the_proxy_header_is_read_in_either_spelling():
    for spelling in ("X-Forwarded-Proto", "HTTP_X_FORWARDED_PROTO", "x-forwarded-proto: https"):
        assert settings_for({"SECURE_PROXY_SSL_HEADER": spelling})["SECURE_PROXY_SSL_HEADER"] == (
            "HTTP_X_FORWARDED_PROTO",
            "https",
        )


def test_trusted_origins_are_a_comma_separated_list():
    values = settings_for({"CSRF_TRUSTED_ORIGINS": "https://mekle.example.no, https://www.mekle.example.no"})
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://mekle.example.no", "https://www.mekle.example.no"]


def test_smtp_comes_from_the_environment_with_the_password_from_a_file(tmp_path):
    environment = documented_environment(tmp_path)
    values = settings_for(environment)
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["EMAIL_HOST"] == "smtp.example.no"
    assert values["EMAIL_PORT"] == 587
    assert values["EMAIL_USE_TLS"] is True
    assert values["EMAIL_USE_SSL"] is False
    assert values["EMAIL_HOST_USER"] == "mekle"
    with open(environment["EMAIL_HOST_PASSWORD_FILE"]) as secret:
        assert values["EMAIL_HOST_PASSWORD"] == secret.read().strip()
    assert values["DEFAULT_FROM_EMAIL"] == "Mekle <ikke-svar@mekle.example.no>"


def test_implicit_tls_defaults_to_port_465():
    values = settings_for({"EMAIL_HOST": "smtp.example.no", "EMAIL_USE_SSL": "1"})
    assert values["EMAIL_PORT"] == 465


def test_with_id_porten_forms_may_go_on_to_the_provider():
    values = settings_for(
        {"MEKLE_OIDC_ENABLED": "1", "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.idporten.no/authorize"}
    )
    assert values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"] == ["'self'", "https://login.idporten.no"]


def test_both_kinds_of_tls_for_smtp_fail_the_checks(settings):
    from mekle.lib.checks import check_email_transport

    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = True
    assert [error.id for error in check_email_transport()] == ["mekle.E002"]
    settings.EMAIL_USE_SSL = False
    assert check_email_transport() == []
