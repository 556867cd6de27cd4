"""Citizen Office settings: one module, read from the environment (see .env.example)."""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# --- Environment -----------------------------------------------------------------------------
# CITIZEN_OFFICE_ENV is "development" (the default, for `make run`), "test" or "production".
ENVIRONMENT = env("CITIZEN_OFFICE_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
TESTING = ENVIRONMENT == "test" or "pytest" in sys.modules

DEBUG = env_bool("DEBUG", default=ENVIRONMENT == "development")
SECRET_KEY = env("SECRET_KEY")

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production.")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters.")
elif not SECRET_KEY:
    SECRET_KEY = "django-insecure-local-development-only-never-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# How many reverse proxies of ours stand in front of the application, each appending the address it saw to
# X-Forwarded-For (docs/operations.md). 0: the header is ignored and the peer address is the client. One number
# feeds allauth's limits, every other rate limit and the audit trail (core.net.client_ip).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
RATELIMIT_IP_META_KEY = "core.net.ratelimit_ip"
# The public API (core.throttle): per address for everyone, and per account for a signed-in caller; a partner
# calling with an API key (accounts.api_keys, X-Api-Key) is counted by its key instead of its address.
API_RATE_PER_ADDRESS = env("API_RATE_PER_ADDRESS", "120/m")
API_RATE_PER_ACCOUNT = env("API_RATE_PER_ACCOUNT", "120/m")
API_RATE_PER_KEY = env("API_RATE_PER_KEY", "1200/m")
# The public address for links in emails, SMS and QR codes (core.sites, decision 53). Set in production, it is
# the only address links use; otherwise a page's links use the address it was served at, and the worker this
# value (`make run` sets it to http://HOST:PORT). Production without it falls back to the first ALLOWED_HOSTS.
SITE_URL_EXPLICIT = bool(env("SITE_URL").strip())
if SITE_URL_EXPLICIT:
    SITE_URL = env("SITE_URL").strip().rstrip("/")
elif PRODUCTION:
    SITE_URL = f"https://{ALLOWED_HOSTS[0].lstrip('.')}" if ALLOWED_HOSTS and ALLOWED_HOSTS[0] != "*" else ""
else:
    SITE_URL = f"http://{env('HOST', '127.0.0.1')}:{env('PORT', '8000')}"
# Keyed hashes of identity-document numbers (law 09-08: never the number itself). Its own key, so
# that rotating SECRET_KEY does not orphan the hashes; required in production.
IDENTITY_HASH_KEY = env("IDENTITY_HASH_KEY", "" if PRODUCTION else SECRET_KEY)
if PRODUCTION and len(IDENTITY_HASH_KEY) < 32:
    raise ImproperlyConfigured("IDENTITY_HASH_KEY must be set to a random value of at least 32 characters.")
# The audit chain is an HMAC under this key: someone who can write to the database but does not hold
# the key cannot rebuild a consistent chain after tampering. Set once, never change it.
AUDIT_CHAIN_KEY = env("AUDIT_CHAIN_KEY", "" if PRODUCTION else SECRET_KEY)
if PRODUCTION and len(AUDIT_CHAIN_KEY) < 32:
    raise ImproperlyConfigured("AUDIT_CHAIN_KEY must be set to a random value of at least 32 characters.")

# --- Applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "huey.contrib.djhuey",
    "ninja",
    # Citizen Office, one app per domain.
    "core",
    "territories",
    "institutions",
    "accounts",
    "associations",
    "cases",
    "information",
    "procedures",
    "applications",
    "frontdesk",
    "audit",
    "notifications",
    "portal",
    "backoffice",
]

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    "core.sites.CurrentRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body (CSRF reads the form): 413 above settings.MAX_REQUEST_BODY.
    "core.bodylimit.BodyLimitMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # No NUL character in a query string or a form value (400), nor a bidirectional control (dropped, core.bidi).
    "core.middleware.NulCharactersMiddleware",
    "core.bidi.BidiControlsMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffMfaRequiredMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "citizen_office.urls"
WSGI_APPLICATION = "citizen_office.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.shell",
                "cases.acting.acting",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3")),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of failing
                # with "database is locked" half-way through a transaction.
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;PRAGMA busy_timeout=20000;PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, queue ------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "co",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
elif TESTING:
    # One test process: its own memory. The server drills start real servers with the shared store below.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "co"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
else:
    # Lockout counts and rate limits must be shared by every worker and server: without Redis they live in the
    # database (a table `migrate` makes: core.apps.create_cache_table), never in a process's memory. Entries are
    # not culled below this size, so flooding the store cannot evict a lockout.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "citizen_office_cache",
            "KEY_PREFIX": "co",
            "OPTIONS": {"MAX_ENTRIES": int(env("CACHE_MAX_ENTRIES", "200000")), "CULL_FREQUENCY": 4},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", default=TESTING)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "citizen-office",
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": int(env("HUEY_WORKERS", "2")), "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "citizen-office",
        "filename": env("HUEY_SQLITE_PATH", str(BASE_DIR / "var" / "huey.sqlite3")),
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": int(env("HUEY_WORKERS", "2")), "worker_type": "thread"},
    }

# --- Accounts and authentication -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.RoleLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id with OWASP's parameters (accounts.passwords, decision in docs/decisions.md); older PBKDF2 hashes still
# verify and are re-made with Argon2id at the next sign-in.
PASSWORD_HASHERS = [
    "accounts.passwords.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
PASSWORD_MIN_LENGTH_CITIZEN = 12
PASSWORD_MIN_LENGTH_STAFF = 15
PASSWORD_MAX_LENGTH = 128

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:my_office"
ACCOUNT_LOGOUT_REDIRECT_URL = "portal:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# Mandatory verification: an account signs in once its email address is confirmed (level 1). With it, sign-up
# gives the same answer whether or not the address already has an account ("check your email"); the owner of a
# taken address gets an email saying someone tried to register with it (issue 11, decision 78).
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Citizen Office] "  # translated by accounts.adapter
# Tell the person when their password, email address or two-step verification changes (templates/account/email/).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
# Lockout: five failed sign-ins for one account within 15 minutes lock it for the rest of the window.
ACCOUNT_RATE_LIMITS = {
    # Per address (through TRUSTED_PROXY_COUNT proxies) and per account; the address rate is a setting so that
    # the server drills can reach it in a few requests.
    "login_failed": f"{env('LOGIN_RATE_PER_ADDRESS', '20/m')}/ip,5/15m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "confirm_email": "1/3m/key",
    "reauthenticate": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Citizen Office"

# Staff sessions: 30 minutes idle, 12 hours in all (enforced by accounts.middleware).
STAFF_SESSION_IDLE = timedelta(minutes=30)
STAFF_SESSION_MAX = timedelta(hours=12)
SESSION_COOKIE_AGE = int(timedelta(days=14).total_seconds())

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES: list[tuple[str, Any]] = [
    ("ar", _("Arabic")),
    ("zgh", _("Amazigh")),  # Standard Moroccan Amazigh, in Tifinagh (Constitution art. 5, organic law 26-16)
    ("fr", _("French")),
    ("en", _("English")),
]
# Django knows no "zgh": its name in English and in its own script, written left to right.
LANG_INFO_EXTRA = {
    "zgh": {"bidi": False, "code": "zgh", "name": "Amazigh", "name_local": "ⵜⴰⵎⴰⵣⵉⵖⵜ"},
}
# Content written by institutions falls back in this order when the reader's language is missing.
CONTENT_FALLBACK = {
    "ar": ["ar", "fr", "en", "zgh"],
    "zgh": ["zgh", "ar", "fr", "en"],
    "fr": ["fr", "ar", "en", "zgh"],
    "en": ["en", "fr", "ar", "zgh"],
}
# Interface catalogues still being translated, and the catalogue a missing string is read from instead of the
# site's default (core.apps): an Amazigh reader sees Arabic, not French or an English message id.
PARTIAL_CATALOGUES = {"zgh": "ar"}
# LANGUAGES is the one list: every translated field has a column per language (core.i18n.translated_field), and
# forms, the admin, the API and the "missing language" warnings follow it. EXTRA_LANGUAGE (a code Django knows,
# e.g. "es") adds one for a trial or a test (core/tests/test_extra_language.py); a real one is a line above and a
# migration.
if _extra := env("EXTRA_LANGUAGE"):
    LANGUAGES.append((_extra, _extra))
    CONTENT_FALLBACK[_extra] = [_extra, "ar", "fr", "en", "zgh"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True
COUNTRY_CODE = "MA"

# --- Static and media ------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Production serves hashed, pre-compressed files collected at deploy time (whitenoise); development
# and tests serve straight from the source folders, so `make run` needs no collectstatic.
# Files that belong to a person's case (answers, applications) are never under MEDIA_URL: they are
# served by views that check who is asking.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
# Hashed, compressed static files collected into STATIC_ROOT and served by WhiteNoise with a year's cache: production
# and `make run` (which runs collectstatic); the debug server (`make dev`) and the tests read the apps' folders.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/private-files-are-served-by-views/"},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_MAX_AGE = 31_536_000 if STATIC_MANIFEST else 60


# Source maps (django-ninja's API docs ship large ones) are not worth compressing: collectstatic takes half the time.
def _skip_compress() -> list[str]:
    from whitenoise.compress import Compressor

    return [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]


WHITENOISE_SKIP_COMPRESS_EXTENSIONS = _skip_compress()
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = int(env("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
# A document an applicant uploads to an application (law 55-19), and how long an untouched draft is kept.
APPLICATION_UPLOAD_MAX_BYTES = int(env("APPLICATION_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))
APPLICATION_DRAFT_DAYS = int(env("APPLICATION_DRAFT_DAYS", "30"))
# The largest request body read (core.bodylimit, 413 above it; the proxy's client_max_body_size matches it): three
# files of the largest size an upload may have (an answer or a publication carries several) and 2 MB for the rest.
# Below it, Django keeps at most DATA_UPLOAD_MAX_MEMORY_SIZE of form fields in memory, writes a file part over
# FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file, and counts fields and files with its own limits (1000 and 100).
MAX_REQUEST_BODY = int(
    env("MAX_REQUEST_BODY") or str(3 * max(UPLOAD_MAX_BYTES, APPLICATION_UPLOAD_MAX_BYTES) + 2 * 1024 * 1024)
)
# Development and tests only: a file holding an ISO date that legal clocks read as "today"
# (core.clock); refused in production.
CLOCK_FILE = "" if PRODUCTION else env("CLOCK_FILE")

# --- Public pages kept for anonymous visitors (core.pagecache) -------------------------------------
# A page kept at most this long (0: never), and dropped as soon as a model of the apps it reads changes.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "30"))
# The Citizen Office desk (frontdesk): tickets a kiosk (one address) may give in an hour; an agent's console
# presses (call next, start, finish…) in an hour.
FRONTDESK_KIOSK_RATE = env("FRONTDESK_KIOSK_RATE", "600/h")
FRONTDESK_AGENT_RATE = env("FRONTDESK_AGENT_RATE", "1200/h")
# Appointments: booked at least this many minutes ahead, at most this many days ahead; appointments a person may
# hold on one day; the kiosk checks one in from this many minutes before its time until this many after.
FRONTDESK_APPOINTMENT_LEAD_MINUTES = int(env("FRONTDESK_APPOINTMENT_LEAD_MINUTES", "60"))
FRONTDESK_APPOINTMENT_DAYS_AHEAD = int(env("FRONTDESK_APPOINTMENT_DAYS_AHEAD", "30"))
FRONTDESK_APPOINTMENTS_PER_DAY = int(env("FRONTDESK_APPOINTMENTS_PER_DAY", "2"))
FRONTDESK_CHECK_IN_EARLY_MINUTES = int(env("FRONTDESK_CHECK_IN_EARLY_MINUTES", "30"))
FRONTDESK_CHECK_IN_LATE_MINUTES = int(env("FRONTDESK_CHECK_IN_LATE_MINUTES", "15"))
PAGE_CACHE_APPS = ["territories", "institutions", "procedures", "information", "applications", "associations"]

# --- Backups (core.backup, `manage.py backup` / `restore`, docs/operations.md) ------------------
# One archive a night (database, MEDIA_ROOT, PRIVATE_MEDIA_ROOT, a manifest) written here; the newest BACKUP_KEEP
# archives made by `manage.py backup` are kept. BACKUP_HOUR is the hour of the nightly run, in UTC (huey's clock).
BACKUP_DIR = Path(env("BACKUP_DIR") or str(BASE_DIR / "var" / "backups"))  # an empty value means the default
BACKUP_KEEP = int(env("BACKUP_KEEP", "14"))
BACKUP_HOUR = int(env("BACKUP_HOUR", "2"))

# --- Email and SMS ---------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    # Development: printed to the console and kept as .eml files in EMAIL_FILE_PATH, listed at /<lang>/dev/mail/.
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "core.devmail.DevelopmentEmailBackend",
)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))  # for the development and file backends
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Citizen Office <no-reply@citizen-office.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SMS_BACKEND = env("SMS_BACKEND", "notifications.sms.ConsoleSmsBackend")
# In production the console backend would only log phone numbers: SMS is offered only with a gateway.
SMS_ENABLED = not (PRODUCTION and SMS_BACKEND.endswith("ConsoleSmsBackend"))
NOTIFICATION_MAX_ATTEMPTS = int(env("NOTIFICATION_MAX_ATTEMPTS", "6"))

# --- Security --------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000  # one year
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must list the public host names in production.")
SILENCED_SYSTEM_CHECKS: list[str] = []
if PRODUCTION and not SECURE_HSTS_PRELOAD:
    # Preload is a one-way decision for the domain's owner; see docs/operations.md.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# --- Logging: JSON lines with the request id -------------------------------------------------
LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.db.backends": {"level": "INFO"},
        "huey": {"level": "INFO"},
    },
}
