"""Mekle's settings: one file, driven by environment variables, with safe embedded defaults.

Without any environment the project runs on SQLite (WAL) in ./var/, sends e-mail to the console
and runs background tasks from the database, so a laptop needs nothing but Python and Node.
"""

import os
from pathlib import Path

import dj_database_url
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


DEBUG = env_bool("DEBUG", default=False)
# Never a fixed key: without SECRET_KEY a random one is written once to var/secret_key, so a fresh
# clone needs no environment. DEBUG off with DATABASE_URL set is production: there the entry points
# refuse to start and `check --deploy` fails without SECRET_KEY (mekle/lib/keys.py).
MEKLE_SECRET_KEY_FROM_ENVIRONMENT = bool(env("SECRET_KEY"))
SECRET_KEY = env("SECRET_KEY") or local_secret_key(VAR_DIR / "secret_key")
ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

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
    "mekle.lib",
    "mekle.accounts",
    "mekle.signin",
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
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mekle.lib.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "mekle.portal.middleware.PortalSessionMiddleware",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

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
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

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

# --- Static files: our own, plus Designsystemet and htmx from node_modules ----------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "mekle" / "static",
    ("vendor/designsystemet-css", NODE_MODULES / "@digdir" / "designsystemet-css" / "dist"),
    ("vendor/designsystemet-theme", NODE_MODULES / "@digdir" / "designsystemet-theme" / "brand"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
# Uploaded and generated files (signed agreements, scanned signatures): never served publicly;
# the doors hand them out after a permission check.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# --- E-mail and background work ------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Mekle <ikke-svar@mekle.example>")
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
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Forms render with Designsystemet's markup (templates/components/form*.html).
FORM_RENDERER = "mekle.lib.forms.DesignsystemetRenderer"
AUTHENTICATION_BACKENDS = ["mekle.accounts.backends.OfficeAwareModelBackend", "sesame.backends.ModelBackend"]

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
# this long after signing in (staff sessions follow SESSION_COOKIE_AGE).
MEKLE_PORTAL_IDLE_MINUTES = env_int("MEKLE_PORTAL_IDLE_MINUTES", 30)
MEKLE_PORTAL_SESSION_HOURS = env_int("MEKLE_PORTAL_SESSION_HOURS", 8)
# The public address used in links sent by e-mail (no request is at hand in a background task).
MEKLE_PUBLIC_URL = env("MEKLE_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_FAILURE_VIEW = "mekle.workspace.views.errors.csrf_failure"

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
MEKLE_API_MAX_BODY_BYTES = env_int("MEKLE_API_MAX_BODY_BYTES", 64 * 1024)
MEKLE_WEBHOOK_MAX_ATTEMPTS = env_int("MEKLE_WEBHOOK_MAX_ATTEMPTS", 12)
MEKLE_WEBHOOK_TIMEOUT_SECONDS = env_int("MEKLE_WEBHOOK_TIMEOUT_SECONDS", 10)
