"""Mekle's settings: one file, driven by environment variables, with safe embedded defaults.

Without any environment the project runs on SQLite (WAL) in ./var/, sends e-mail to the console
and runs background tasks from the database, so a laptop needs nothing but Python and Node.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from mekle.lib.keys import local_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MEKLE_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str = "") -> str:
    """A setting from the environment, or from the file named by NAME_FILE (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def proxy_ssl_header(header: str) -> tuple[str, str] | None:
    """`X-Forwarded-Proto` (or `X-Forwarded-Proto: https`) as Django's SECURE_PROXY_SSL_HEADER."""
    name, _, value = header.partition(":")
    if not name.strip():
        return None
    key = name.strip().upper().replace("-", "_")
    return (key if key.startswith("HTTP_") else f"HTTP_{key}", value.strip() or "https")


DEBUG = env_bool("DEBUG", default=False)
# Never a fixed key: without SECRET_KEY a random one is written once to var/secret_key, so a fresh
# clone needs no environment. DEBUG off with DATABASE_URL set is production: there the entry points
# refuse to start and `check --deploy` fails without SECRET_KEY (mekle/lib/keys.py).
MEKLE_SECRET_KEY_FROM_ENVIRONMENT = bool(env("SECRET_KEY"))
SECRET_KEY = env("SECRET_KEY") or local_secret_key(VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
# Origins (scheme and host, e.g. https://mekle.example.no) whose POSTs pass the CSRF check although
# the Host header differs: needed only behind a proxy that does not pass Host on.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mekle.lib",
    "mekle.accounts",
    "mekle.signin",
    "mekle.outbox",
    "mekle.cases",
    "mekle.notices",
    "mekle.parties",
    "mekle.mediators",
    "mekle.agreements",
    "mekle.dialogue",
    "mekle.journal",
    "mekle.referrals",
    "mekle.access",
    "mekle.workspace",
    "mekle.portal",
    "mekle.api",
    "mekle.demo",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "mekle.lib.middleware.SecurityHeadersMiddleware",
    # Before the session (a cookie holding NUL) and before the CSRF check reads the form (upload limits).
    "mekle.lib.middleware.InputGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mekle.lib.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mekle.signin.middleware.RefusedAccessMiddleware",
    # Which second factor verified this session (django-otp), and staff without one are sent to it.
    "mekle.signin.middleware.KeptDeviceOTPMiddleware",
    "mekle.signin.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The portal's first: it reads who was signed in before the user is loaded (which flushes a stale session).
    "mekle.portal.middleware.PortalSessionMiddleware",
    "mekle.signin.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mekle.api.middleware.ApiMiddleware",
]

ROOT_URLCONF = "mekle.urls"
WSGI_APPLICATION = "mekle.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mekle" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "mekle.portal.oidc.context",
            ],
        },
    },
    # The hot fragments (the case list's rows, the timeline's entries): <app>/jinja2/, see mekle/lib/jinja.py.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "mekle.lib.jinja.environment"},
    },
]

# --- Database: SQLite (WAL) by default, DATABASE_URL for PostgreSQL ---------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    }
    # PostgreSQL: parameters bound by the server, and a statement run five times on a connection is
    # prepared there, so the pages' few fixed queries are not parsed and planned anew every time.
    # Set DB_PREPARED_STATEMENTS=0 behind a transaction-pooling proxy (PgBouncer before 1.21).
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "DB_PREPARED_STATEMENTS", default=True
    ):
        DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 5})
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(VAR_DIR / "mekle.sqlite3")),
            "OPTIONS": {
                # WAL lets readers work while one writer commits; IMMEDIATE avoids the
                # "database is locked" upgrade deadlock when two requests write at once.
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
                ),
            },
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 600),
        }
    }

# The PostgreSQL role the web and worker processes connect as, when it is not the role that runs the
# migrations (docs/timeline.md): the migrations then grant it only SELECT and INSERT on case events.
MEKLE_DATABASE_APP_ROLE = env("DATABASE_APP_ROLE")

# --- Timeline checkpoints (mekle/cases/checkpoints.py, docs/timeline.md) ------------------------
# The chain heads, signed with an Ed25519 key the database does not hold, written at least daily to
# a place the database administrator cannot change. The key (PEM, PKCS#8) comes from
# CHECKPOINT_SIGNING_KEY or CHECKPOINT_SIGNING_KEY_FILE; without one a development key is generated
# once into var/checkpoint_signing_key, which a production-shaped set-up refuses (`check --deploy`).
# CHECKPOINT_PUBLIC_KEY_FILE names the public key `verify_timeline --checkpoint` checks signatures
# with (default: the signing key's own). CHECKPOINT_EMAIL sends each checkpoint to an archive address too.
MEKLE_CHECKPOINT_SIGNING_KEY = env("CHECKPOINT_SIGNING_KEY")
MEKLE_CHECKPOINT_SIGNING_KEY_PATH = VAR_DIR / "checkpoint_signing_key"
MEKLE_CHECKPOINT_PUBLIC_KEY_FILE = env("CHECKPOINT_PUBLIC_KEY_FILE")
MEKLE_CHECKPOINT_DIR = Path(env("CHECKPOINT_DIR", str(VAR_DIR / "checkpoints")))
MEKLE_CHECKPOINT_EMAIL = env("CHECKPOINT_EMAIL")
# The worker writes a checkpoint when the newest one in the directory is this many hours old.
MEKLE_CHECKPOINT_EVERY_HOURS = env_int("CHECKPOINT_EVERY_HOURS", 24)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "login"

# Length and a list of common passwords with Norwegian patterns (mekle/signin/passwords.py); no
# forced rotation (NIST SP 800-63B): a password is changed when there is reason to.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "mekle.signin.passwords.NameInPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "mekle.signin.passwords.NorwegianPatternValidator"},
]

# --- Sign-in throttle (mekle/signin): counted in the database, refused at once, never a delay ----
# MEKLE_SIGNIN_FAILURES_PER_PAIR failures for one user name from one address within
# MEKLE_SIGNIN_WINDOW_MINUTES refuse that name from that address for MEKLE_SIGNIN_LOCKOUT_MINUTES,
# even with the right password; MEKLE_SIGNIN_FAILURES_PER_ADDRESS failures from one address (any
# names) refuse the address as long. MEKLE_SIGNIN_FAILURES_PER_ACCOUNT failures for one name within
# MEKLE_SIGNIN_ACCOUNT_WINDOW_HOURS, each address counting at most the pair limit, lock the account
# until an administrator unlocks it: one address alone can never lock anybody out for good.
MEKLE_SIGNIN_FAILURES_PER_PAIR = env_int("MEKLE_SIGNIN_FAILURES_PER_PAIR", 10)
MEKLE_SIGNIN_FAILURES_PER_ADDRESS = env_int("MEKLE_SIGNIN_FAILURES_PER_ADDRESS", 30)
MEKLE_SIGNIN_FAILURES_PER_ACCOUNT = env_int("MEKLE_SIGNIN_FAILURES_PER_ACCOUNT", 50)
MEKLE_SIGNIN_WINDOW_MINUTES = env_int("MEKLE_SIGNIN_WINDOW_MINUTES", 15)
MEKLE_SIGNIN_LOCKOUT_MINUTES = env_int("MEKLE_SIGNIN_LOCKOUT_MINUTES", 15)
MEKLE_SIGNIN_ACCOUNT_WINDOW_HOURS = env_int("MEKLE_SIGNIN_ACCOUNT_WINDOW_HOURS", 24)

# --- Cache and sessions ------------------------------------------------------------------------
# Embedded default: a per-process cache, and sessions in the database. In production set
# CACHE_URL=redis://… : the cache is then shared by every process, and sessions are read from it
# (written through to the database), so a signed-in page costs no session query. Only a shared
# cache may hold sessions: a per-process one would keep a signed-out session alive elsewhere.
CACHE_URL = env("CACHE_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "mekle"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whether every process shares the cache, so that dropping an entry reaches them all. Only then are
# the signed-in user (accounts/backends.py) and the case list's counts (access/counts.py) kept there.
MEKLE_SHARED_CACHE = env_bool("MEKLE_SHARED_CACHE", default=bool(CACHE_URL))

# --- Sessions and security ---------------------------------------------------------------------
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
# A staff session (caseworkers, mediators, managers, administrators, the Django admin) ends after
# this long without a request, and at the latest this long after signing in (mekle/signin/middleware.py).
# An active session is saved at least once a minute, so its cookie and store entry keep renewing
# for SESSION_COOKIE_AGE past the last save; these two are the limits that count.
MEKLE_STAFF_SESSION_IDLE_MINUTES = env_int("MEKLE_STAFF_SESSION_IDLE_MINUTES", 30)
MEKLE_STAFF_SESSION_MAX_HOURS = env_int("MEKLE_STAFF_SESSION_MAX_HOURS", 10)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# HTTPS: SECURE_COOKIES=1 says the site is served over HTTPS (README, "Production"). Without it
# (`make run` on http://127.0.0.1:8000) nothing below asks for HTTPS.
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=False)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
# Nothing reads the CSRF cookie from JavaScript: htmx sends the token from the page (base.html).
CSRF_COOKIE_HTTPONLY = True
if SECURE_COOKIES:
    # A __Host- cookie is accepted by the browser only if Secure, for path / and without Domain, so
    # neither a sibling subdomain nor a plain-HTTP page can set or overwrite it.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# HSTS for a year and every subdomain, whenever HTTPS is on (whatever DEBUG is).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60 if SECURE_COOKIES else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=SECURE_COOKIES)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=SECURE_COOKIES)
# The load balancer's health check may ask over plain HTTP, straight at the process.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
# Behind a TLS-terminating proxy, the header it sets to the scheme the client used, e.g.
# SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto (the proxy must overwrite, never pass on, the client's).
# Without it every request looks like plain HTTP: the redirect above would loop and CSRF's origin
# check would refuse every POST. CSRF_TRUSTED_ORIGINS (above) is needed only if the proxy does
# not pass on the Host header.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(env("SECURE_PROXY_SSL_HEADER"))
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp) on every page: scripts and styles only from our own static
# files, never inline (htmx is configured in base.html to add no style and evaluate nothing), no
# frames of us anywhere, forms only to ourselves. The Django admin keeps to it as well.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- The staff's second factor (mekle.signin, django-otp, py_webauthn) ------------------------------
# Every caseworker, mediator, manager and administrator (and anyone who may open the Django admin)
# confirms a sign-in with an authenticator app (TOTP), a passkey or a one-time recovery code.
# Wrong codes back off exponentially per device (1, 2, 4 … seconds; django-otp's throttling).
OTP_TOTP_ISSUER = env("MEKLE_TOTP_ISSUER", "Mekle")
OTP_TOTP_THROTTLE_FACTOR = env_int("MEKLE_OTP_THROTTLE_FACTOR", 1)
OTP_STATIC_THROTTLE_FACTOR = OTP_TOTP_THROTTLE_FACTOR
# Passkeys (WebAuthn): the relying party is this site's host name; the origins a browser may sign
# for default to MEKLE_PUBLIC_URL (set below). Set both when Mekle is served under another name.
MEKLE_WEBAUTHN_RP_ID = env("MEKLE_WEBAUTHN_RP_ID", "")
MEKLE_WEBAUTHN_ORIGINS = [o for o in env("MEKLE_WEBAUTHN_ORIGINS", "").split(",") if o]

# --- Languages: bokmål first, nynorsk and English -----------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "mekle" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static files: our own, plus Designsystemet, its Inter font and htmx from node_modules -----------
# The theme (Konfliktrådet's colour, Inter) is built from designsystemet.config.json by
# Designsystemet's CLI when npm installs (package.json's postinstall: `npm run theme`).
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "mekle" / "static",
    ("vendor/designsystemet-css", NODE_MODULES / "@digdir" / "designsystemet-css" / "dist"),
    ("vendor/theme", NODE_MODULES / ".mekle-theme" / "css"),
    ("vendor/inter", NODE_MODULES / "@fontsource-variable" / "inter"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
# Uploaded and generated files (signed agreements, scanned signatures): never served publicly;
# the doors hand them out after a permission check.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# Static files under names with their content's hash, gzip- and Brotli-compressed (WhiteNoise), so a
# browser may keep them for a year: a changed file gets a new name. `make install` runs collectstatic,
# which writes the manifest (staticfiles/staticfiles.json) that every process with DEBUG off needs.
# With DEBUG on the pages name the files unhashed and WhiteNoise finds them where they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# What one request may hold. Form fields: 2.5 MB in all (the longest agreement, 50 commitments of
# 4,000 characters, is about 1.3 MB as sent) and 1,000 of them (that agreement has about 420).
# Files: only views marked with mekle.lib.uploads.accepts_uploads take any, up to the size they say
# (a scanned signature 10 MB, a good-faith record 5 MB), counted while the body arrives; files over
# FILE_UPLOAD_MAX_MEMORY_SIZE wait in a temporary file rather than in memory. Over a limit, the
# person gets a "too large" page (mekle.workspace.views.errors.bad_request), never a 500.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 5)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)

# --- E-mail and background work ------------------------------------------------------------------
# SMTP as soon as EMAIL_HOST is set (the console otherwise); the password may come from a file
# (EMAIL_HOST_PASSWORD_FILE). EMAIL_USE_TLS is STARTTLS (port 587), EMAIL_USE_SSL implicit TLS (465).
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_PORT = env_int("EMAIL_PORT", 465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (the kill tests read it).
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
# The sender's name is seen by anyone who glances at the inbox: keep it neutral.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Mekle <ikke-svar@mekle.example>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Mekle ------------------------------------------------------------------------------------
# Days from receipt until a case counts as overdue if it has not reached a meeting (the national
# average from receipt to mediation was about 34 days in 2022-2023).
MEKLE_CASE_PROCESSING_DAYS = env_int("MEKLE_CASE_PROCESSING_DAYS", 35)
MEKLE_CASES_PER_PAGE = env_int("MEKLE_CASES_PER_PAGE", 25)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusal_without_traceback": {"()": "mekle.signin.log_filters.RefusalWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    # A 403 or 404 is logged as one line (and in the staff audit log), not as a traceback.
    "loggers": {"django.request": {"filters": ["refusal_without_traceback"]}},
}

# Forms render with Designsystemet's markup (templates/components/form*.html).
FORM_RENDERER = "mekle.lib.forms.DesignsystemetRenderer"
AUTHENTICATION_BACKENDS = ["mekle.signin.backends.ThrottledModelBackend", "sesame.backends.ModelBackend"]

# --- The party portal: personal sign-in links (django-sesame) -----------------------------------
# A link works once, for MEKLE_INVITATION_DAYS; the invitation row can revoke it before that.
MEKLE_INVITATION_DAYS = env_int("MEKLE_INVITATION_DAYS", 14)
SESAME_MAX_AGE = MEKLE_INVITATION_DAYS * 24 * 60 * 60
SESAME_TOKEN_NAME = "token"
# A person whose link no longer works asks for a new one with their e-mail address: at most this
# many an hour per address and per person (and MEKLE_LINK_REQUESTS_PER_HOUR_PER_CLIENT per client
# IP), for cases open or closed within MEKLE_LINK_REQUEST_CLOSED_DAYS.
MEKLE_LINK_REQUESTS_PER_HOUR = env_int("MEKLE_LINK_REQUESTS_PER_HOUR", 3)
MEKLE_LINK_REQUESTS_PER_HOUR_PER_CLIENT = env_int("MEKLE_LINK_REQUESTS_PER_HOUR_PER_CLIENT", 20)
MEKLE_LINK_REQUEST_CLOSED_DAYS = env_int("MEKLE_LINK_REQUEST_CLOSED_DAYS", 30)
# A party's or guardian's portal session ends after this long without a request, and at the latest
# this long after signing in (staff sessions: MEKLE_STAFF_SESSION_IDLE_MINUTES and _MAX_HOURS).
MEKLE_PORTAL_IDLE_MINUTES = env_int("MEKLE_PORTAL_IDLE_MINUTES", 30)
MEKLE_PORTAL_SESSION_HOURS = env_int("MEKLE_PORTAL_SESSION_HOURS", 8)
# The public address used in links sent by e-mail (no request is at hand in a background task).
MEKLE_PUBLIC_URL = env("MEKLE_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_FAILURE_VIEW = "mekle.workspace.views.errors.csrf_failure"
# The service's general contact (mekle.accounts.contact), for what concerns no office: a journal's
# e-mails. An office's own details are on the office (the Django admin). Set them in production.
MEKLE_SERVICE_CONTACT_NAME = env("MEKLE_SERVICE_CONTACT_NAME", "Konfliktrådet")
MEKLE_SERVICE_CONTACT_PHONE = env("MEKLE_SERVICE_CONTACT_PHONE", "22 00 00 00")
MEKLE_SERVICE_CONTACT_EMAIL = env("MEKLE_SERVICE_CONTACT_EMAIL", "post@konfliktradet.example.no")
MEKLE_SERVICE_CONTACT_ADDRESS = env("MEKLE_SERVICE_CONTACT_ADDRESS", "")
MEKLE_SERVICE_CONTACT_OPENING_HOURS = env("MEKLE_SERVICE_CONTACT_OPENING_HOURS", "Mandag–fredag 08.00–15.30")

# --- Self-referral: the public form with triage (mekle.portal help pages, mekle.referrals) --------
# The office that gets a request when no office area holds its postcode ("" = the first by name).
MEKLE_DEFAULT_OFFICE_CODE = env("MEKLE_DEFAULT_OFFICE_CODE", "")
# Requests one address may send in an hour, and the window in which a repeat is the same request.
MEKLE_SELF_REFERRALS_PER_HOUR = env_int("MEKLE_SELF_REFERRALS_PER_HOUR", 5)
MEKLE_SELF_REFERRAL_DUPLICATE_MINUTES = env_int("MEKLE_SELF_REFERRAL_DUPLICATE_MINUTES", 10)
# Behind a reverse proxy every request comes from the proxy: name the request header the proxy sets
# to the client's address (e.g. HTTP_X_REAL_IP), or the limit above counts everyone together.
MEKLE_CLIENT_IP_HEADER = env("MEKLE_CLIENT_IP_HEADER", "")
# --- End of self-referral settings ------------------------------------------------------------------

# --- The party portal: sign-in through OpenID Connect (ID-porten), off by default -----------------
# See docs/oidc.md. A person is identified only by the national identity number in the
# MEKLE_OIDC_PID_CLAIM claim, and only at an accepted security level (the id_token's `acr`).
MEKLE_OIDC_ENABLED = env_bool("MEKLE_OIDC_ENABLED", False)
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid profile")
OIDC_USE_PKCE = True  # ID-porten requires PKCE
OIDC_TOKEN_USE_BASIC_AUTH = env_bool("OIDC_TOKEN_USE_BASIC_AUTH", False)
MEKLE_OIDC_ACR_VALUES = [
    a.strip()
    for a in env("MEKLE_OIDC_ACR_VALUES", "idporten-loa-substantial,idporten-loa-high").split(",")
    if a.strip()
]
MEKLE_OIDC_PID_CLAIM = env("MEKLE_OIDC_PID_CLAIM", "pid")
# Ask for the first (lowest) accepted level; the returned `acr` is checked all the same.
OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"acr_values": MEKLE_OIDC_ACR_VALUES[0]} if MEKLE_OIDC_ACR_VALUES else {}
OIDC_CALLBACK_CLASS = "mekle.portal.views.oidc.CallbackView"
OIDC_AUTHENTICATE_CLASS = "mekle.portal.views.oidc.AuthenticateView"
# With ID-porten on, the agreement documents, the good-faith record and the messages need a session
# at this level or higher; a session from an e-mailed link (or a lower level) is asked to step up.
MEKLE_PORTAL_STEP_UP_ACR = env("MEKLE_PORTAL_STEP_UP_ACR", "idporten-loa-substantial")
MEKLE_OIDC_LOGIN_REDIRECT_URL = "/portal/"
LOGIN_REDIRECT_URL_FAILURE = "/portal/sign-in/id-porten-failed/"
if MEKLE_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "mekle.portal.oidc.PortalOIDCBackend"]
    # Browsers hold a form to form-action also through the redirects that answer it: a form whose
    # answer sends the person on to ID-porten (signing in, stepping up) must be allowed to go there.
    if OIDC_OP_AUTHORIZATION_ENDPOINT:
        _provider = urlsplit(OIDC_OP_AUTHORIZATION_ENDPOINT)
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(f"{_provider.scheme}://{_provider.netloc}")

# --- The tone check (mekle.dialogue.tone) ------------------------------------------------------------
# Dotted path to a ToneModel class that scores messages next to the rules; empty = the rules only.
# A failing model is logged and skipped: the check falls back to the rules (mekle/dialogue/tone/scoring.py).
MEKLE_TONE_MODEL = env("MEKLE_TONE_MODEL", "")
# --- End of tone check settings -------------------------------------------------------------------------

# --- The referral API (mekle.api, mekle.referrals) ----------------------------------------------
# Calls per API key per minute (counted in the database, so every web process sees the same count),
# the largest request body accepted, and how often an outcome webhook is tried before it is left
# for polling (back-off doubles from one minute: 12 attempts span about 68 hours).
MEKLE_API_REQUESTS_PER_MINUTE = env_int("MEKLE_API_REQUESTS_PER_MINUTE", 60)
# Calls with a missing, wrong or revoked key per client address per minute before that address gets
# 429 (counted in the cache: shared with Redis, per process in the local-memory cache; never a row each).
MEKLE_API_BAD_KEY_CALLS_PER_MINUTE = env_int("MEKLE_API_BAD_KEY_CALLS_PER_MINUTE", 10)
MEKLE_API_MAX_BODY_BYTES = env_int("MEKLE_API_MAX_BODY_BYTES", 64 * 1024)
MEKLE_WEBHOOK_MAX_ATTEMPTS = env_int("MEKLE_WEBHOOK_MAX_ATTEMPTS", 12)
MEKLE_WEBHOOK_TIMEOUT_SECONDS = env_int("MEKLE_WEBHOOK_TIMEOUT_SECONDS", 10)

# Background work (mekle.outbox, docs/tasks.md). A worker renews its heartbeat every
# HEARTBEAT seconds; a task RUNNING under a worker silent for LEASE seconds is READY again at the
# next sweep (every SWEEP seconds, on any worker): within LEASE + SWEEP seconds (90 by default).
MEKLE_WORKER_HEARTBEAT_SECONDS = float(env("MEKLE_WORKER_HEARTBEAT_SECONDS", "10"))
MEKLE_TASK_LEASE_SECONDS = float(env("MEKLE_TASK_LEASE_SECONDS", "60"))
MEKLE_SWEEP_SECONDS = float(env("MEKLE_SWEEP_SECONDS", "30"))
# How long a sender holds an e-mail or webhook it is sending (longer than any SMTP or HTTP timeout).
MEKLE_OUTBOX_CLAIM_SECONDS = float(env("MEKLE_OUTBOX_CLAIM_SECONDS", "120"))
# Pauses between attempts to record a send whose commit failed; the send itself is not repeated.
MEKLE_OUTBOX_RECORD_RETRY_DELAYS = (0.5, 2.0, 5.0)
MEKLE_EMAIL_MAX_ATTEMPTS = env_int("MEKLE_EMAIL_MAX_ATTEMPTS", 8)
# The right-hand side of every outbox e-mail's Message-ID (<uuid@domain>): stable across attempts.
MEKLE_MESSAGE_ID_DOMAIN = env("MEKLE_MESSAGE_ID_DOMAIN", DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "mekle")
# Only the kill tests set these (mekle/outbox/pause.py): block a task at a named point.
MEKLE_TEST_PAUSE_AT = env("MEKLE_TEST_PAUSE_AT")
MEKLE_TEST_PAUSE_DIR = env("MEKLE_TEST_PAUSE_DIR", str(VAR_DIR))
