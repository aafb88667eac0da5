"""Settings for Samverkan, driven by environment variables with safe development defaults.

Production (DEBUG off) refuses to start with the development secret key; see `check_production`.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# The county's structure (principals, groups, rules, the county's names) loaded by
# `manage.py load_structure`, by `make run` and as the tests' reference data.
STRUCTURE_DATA_FILE = Path(
    os.environ.get("STRUCTURE_DATA_FILE", BASE_DIR / "structure" / "data" / "vasterbotten.yaml")
)
# The informationshanteringsplan (record types, kept or thinned) the e-archive export applies.
RECORDS_PLAN_FILE = Path(
    os.environ.get(
        "RECORDS_PLAN_FILE", BASE_DIR / "structure" / "data" / "informationshanteringsplan.yaml"
    )
)
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]


def check_production() -> None:
    """Refuse to run in production with development secrets."""
    if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY måste sättas i miljön när DEBUG är avstängt (produktionsläge)."
        )


check_production()

INSTALLED_APPS = [
    "audit.apps.AuditedAdminConfig",  # the admin (accounts.admin_site), its writes audited
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "csp",
    "accounts.apps.AccountsConfig",
    "structure.apps.StructureConfig",
    "meetings.apps.MeetingsConfig",
    "cases.apps.CasesConfig",
    "publicsite.apps.PublicsiteConfig",
    "audit.apps.AuditConfig",
    "backups.apps.BackupsConfig",
    "ninja",  # serves the API docs' Swagger UI from our static files, not from a CDN
    "api.apps.ApiConfig",
    "oparl.apps.OparlConfig",
    "opendata.apps.OpendataConfig",
    "followup.apps.FollowupConfig",
    "workgroups.apps.WorkgroupsConfig",
    "reviews.apps.ReviewsConfig",
    "onboarding.apps.OnboardingConfig",
    "annualcycle.apps.AnnualCycleConfig",
    "news.apps.NewsConfig",
    "search.apps.SearchConfig",
    "searchpage.apps.SearchPageConfig",
    "preparation.apps.PreparationConfig",
    "desk.apps.DeskConfig",
    "archive.apps.ArchiveConfig",
]
# The fictional demo data (`manage.py load_demo`, Faker) is for development and `make run` only:
# production (DEBUG off) neither installs the app nor needs Faker, unless SAMVERKAN_DEMO says so.
DEMO_ENABLED = env_bool("SAMVERKAN_DEMO", DEBUG)
if DEMO_ENABLED:
    INSTALLED_APPS.append("demo.apps.DemoConfig")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "lib.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "api.middleware.OpenDataMiddleware",
    "lib.middleware.RejectNullCharactersMiddleware",
    "lib.middleware.RejectOverlongInputMiddleware",
    "lib.uploads.RemoveOrphanUploadsMiddleware",
    "accounts.permissions.PermissionCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionIdleTimeoutMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "audit.middleware.AuditContextMiddleware",
]

ROOT_URLCONF = "samverkan.urls"

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
                "accounts.context_processors.roles",
                "lib.context_processors.site",
                "structure.context_processors.county",
            ],
        },
    },
]

WSGI_APPLICATION = "samverkan.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
# SQLite behind a threaded (`make run`) or multi-process (`make serve`) web server; see README,
# "SQLite", and lib/locked.py for the measurements behind these choices:
# - readers do not block the writer (WAL); fsync at checkpoints only (synchronous=NORMAL);
# - every transaction takes the write lock when it begins (IMMEDIATE), so two of them never
#   deadlock upgrading a read lock; a single write outside `atomic` takes it at its statement;
# - a writer waits up to SQLITE_BUSY_TIMEOUT seconds for the lock (Python's `timeout` and SQLite's
#   busy_timeout, the same wait); SQLite's wait is no queue, so it is far above the usual wait;
# - a request that still finds it locked is run again if nothing in it was committed, at most
#   SQLITE_LOCKED_RETRIES times, else answered 503 "försök igen" (lib/locked.py), never 500;
# - the backend `lib.sqlite` is Django's own, counting commits for that middleware; the session
#   engine `lib.sessions` is Django's database sessions, letting the lock error through to it.
SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
SQLITE_BUSY_TIMEOUT = float(os.environ.get("SQLITE_BUSY_TIMEOUT", "20"))
SQLITE_LOCKED_RETRIES = int(os.environ.get("SQLITE_LOCKED_RETRIES", "2"))
if SQLITE:
    DATABASES["default"]["ENGINE"] = "lib.sqlite"
    # The test database stays in memory, as for Django's own engine name (pytest-django gives
    # each xdist worker a file "test_<path>_gw0" for any other engine, which cannot be opened).
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                f"PRAGMA busy_timeout={round(SQLITE_BUSY_TIMEOUT * 1000)};"
            ),
            "timeout": SQLITE_BUSY_TIMEOUT,
            "transaction_mode": "IMMEDIATE",
        }
    )
    MIDDLEWARE.insert(
        MIDDLEWARE.index("lib.uploads.RemoveOrphanUploadsMiddleware"),
        "lib.locked.RetryLockedDatabaseMiddleware",
    )
    # Django's database sessions, except that a locked database is not taken for a deleted session.
    SESSION_ENGINE = "lib.sessions"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's password check behind the lockout (accounts/lockout.py): a locked account or
    # address is refused before any password is checked.
    "accounts.backends.LockoutModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "desk:start"
LOGOUT_REDIRECT_URL = "publicsite:home"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files go through Django's storage API. On one server they live under MEDIA_ROOT; with
# several app servers set S3_BUCKET (and S3_ENDPOINT_URL for an S3-compatible store that is not
# AWS, e.g. MinIO or Ceph) so every node reads and writes the same files. Credentials come from
# S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY or boto3's own environment/instance configuration.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "lib.s3.TrackedS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            # Papers and case documents are internal: private objects, never a public URL;
            # downloads go through the views that check permissions.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "lib.uploads.TrackedFileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Where the archive page writes the e-archive packages (a directory and a zip per group/year).
ARCHIVE_ROOT = Path(os.environ.get("ARCHIVE_ROOT", BASE_DIR / "var" / "arkiv"))
# The office converter for the PDF/A renditions of uploaded Word, Excel, PowerPoint and
# OpenDocument files (LibreOffice; archive/office.py) and its limit per file, in seconds.
ARCHIVE_SOFFICE = os.environ.get("ARCHIVE_SOFFICE", "soffice")
# Below GUNICORN_TIMEOUT: the archive page's export converts inside its request.
ARCHIVE_CONVERT_TIMEOUT = int(os.environ.get("ARCHIVE_CONVERT_TIMEOUT", "45"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: a process-local memory cache in development and tests; with several app servers set
# CACHE_URL (or REDIS_URL), e.g. redis://127.0.0.1:6379/0, so they share one Redis. Sessions
# stay in the database either way.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "samverkan"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long a rendered structure page is kept (it is also replaced whenever the structure changes).
STRUCTURE_CACHE_SECONDS = int(os.environ.get("STRUCTURE_CACHE_SECONDS", str(24 * 60 * 60)))
# How long the follow-up measures (yearly statistics, the same for everyone) are kept.
FOLLOWUP_CACHE_SECONDS = int(os.environ.get("FOLLOWUP_CACHE_SECONDS", "600"))

# Mail goes through Django's mail framework: in development each mail is written as a file to
# var/mail/ (readable, and the demo's hundreds of kallelser do not flood the terminal); in
# production set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the SMTP settings.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "samverkan@example.invalid")
# Register numbers (diarienummer): "<prefix> <year>/<serial, 4 digits>", gap-free per year.
REGISTER_PREFIX = os.environ.get("REGISTER_PREFIX", "SVO")
# Registrars are reminded when their principal has not decided this many days after expedition.
DECISION_REMINDER_DAYS = int(os.environ.get("DECISION_REMINDER_DAYS", "60"))
# Absolute links in mail and calendars.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Whom people write to about accounts and the site (login page, accessibility statement):
# the regional coordinators' shared mailbox.
SUPPORT_CONTACT = os.environ.get("SUPPORT_CONTACT", "samverkan.koordinator@example.invalid")

# Open data (API, OParl, catalogue): a request limit per client IP, see api/middleware.py.
API_RATE_LIMIT_PER_MINUTE = int(os.environ.get("API_RATE_LIMIT_PER_MINUTE", "120"))
API_RATE_LIMIT_BURST = int(os.environ.get("API_RATE_LIMIT_BURST", "60"))
# With a valid token the token is counted instead of the address (a token's own rate wins).
API_TOKEN_RATE_LIMIT_PER_MINUTE = int(os.environ.get("API_TOKEN_RATE_LIMIT_PER_MINUTE", "1200"))
# The catalogue's contact point (DCAT-AP-SE): a mailbox that answers questions about the data.
# Empty: the catalogue has no contact point, and `manage.py check --deploy` fails (opendata.E001).
OPEN_DATA_CONTACT_EMAIL = os.environ.get("OPEN_DATA_CONTACT_EMAIL", "")
# The publisher's IRI at dataportal.se (http://dataportal.se/organisation/SE<organisation number>).
# Empty: made from the county's organisation number in the structure data.
OPEN_DATA_PUBLISHER_IRI = os.environ.get("OPEN_DATA_PUBLISHER_IRI", "")

# --- Sign-in and sessions -------------------------------------------------------------------
# Absolute session lifetime (seconds) and the idle timeout (minutes without a request).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_IDLE_TIMEOUT_MINUTES = int(os.environ.get("SESSION_IDLE_TIMEOUT_MINUTES", "60"))

# Two factors (TOTP or a recovery code) for coordinators and administrators. On by default in
# production (DEBUG off); development, the demo and the test suite run without unless set.
OTP_REQUIRED_FOR_STAFF = env_bool("SAMVERKAN_OTP_REQUIRED", not DEBUG)


def _totp_issuer(device) -> str:
    """The name an authenticator app shows: the county's, from the structure data."""
    from structure.county import current

    return current().totp_issuer


OTP_TOTP_ISSUER = _totp_issuer
# The admin never shows a TOTP secret or its QR code (a device is set up only by its owner).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Lockout after failed sign-ins (accounts/lockout.py): wrong passwords within LOCKOUT_MINUTES,
# per account at one address, per account from any address, and per address for any account.
# The names AXES_FAILURE_LIMIT / AXES_COOLOFF_MINUTES of the earlier django-axes lockout are
# still read for the first limit and the window.
LOCKOUT_MINUTES = int(
    os.environ.get("LOCKOUT_MINUTES") or os.environ.get("AXES_COOLOFF_MINUTES") or "15"
)
LOCKOUT_ACCOUNT_ADDRESS_LIMIT = int(
    os.environ.get("LOCKOUT_ACCOUNT_ADDRESS_LIMIT") or os.environ.get("AXES_FAILURE_LIMIT") or "5"
)
LOCKOUT_ACCOUNT_LIMIT = int(os.environ.get("LOCKOUT_ACCOUNT_LIMIT", "10"))
LOCKOUT_ADDRESS_LIMIT = int(os.environ.get("LOCKOUT_ADDRESS_LIMIT", "20"))
# Password reset by mail: requests per client address and mails per typed e-mail address in any
# PASSWORD_RESET_WINDOW_MINUTES (accounts/password_reset.py, counted in the cache).
PASSWORD_RESET_WINDOW_MINUTES = int(os.environ.get("PASSWORD_RESET_WINDOW_MINUTES", "60"))
PASSWORD_RESET_REQUESTS_PER_ADDRESS = int(
    os.environ.get("PASSWORD_RESET_REQUESTS_PER_ADDRESS", "10")
)
PASSWORD_RESET_MAILS_PER_ACCOUNT = int(os.environ.get("PASSWORD_RESET_MAILS_PER_ACCOUNT", "3"))
# Behind reverse proxies: how many of them append to X-Forwarded-For (0 = use REMOTE_ADDR only);
# the client is that many entries from the right (lib/client_ip.py).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))

# Single sign-on over OpenID Connect (SITHS via Inera's IdP, Freja eID, Entra ID ...): on when
# OIDC_RP_CLIENT_ID is set. Users are matched on OIDC_MATCH_CLAIM against OIDC_MATCH_FIELD.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_MATCH_CLAIM = os.environ.get("OIDC_MATCH_CLAIM", "email")
OIDC_MATCH_FIELD = os.environ.get("OIDC_MATCH_FIELD", "email")
# Only a person whose IdP vouches for the e-mail address (claim `email_verified` is JSON true) is
# matched or created. Unset: required when matching on the `email` claim (accounts/oidc.py).
OIDC_REQUIRE_VERIFIED_EMAIL = (
    env_bool("OIDC_REQUIRE_VERIFIED_EMAIL", False)
    if os.environ.get("OIDC_REQUIRE_VERIFIED_EMAIL", "").strip()
    else None
)
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", False)
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/logga-in/?sso=misslyckades"
# Does nothing while OIDC_ENABLED is off.
AUTHENTICATION_BACKENDS.append("accounts.oidc.SamverkanOIDCBackend")

# --- Deployment hardening -------------------------------------------------------------------
# Content-Security-Policy without 'unsafe-inline': scripts and styles only from our own files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"] + ([OIDC_OP_AUTHORIZATION_ENDPOINT] if OIDC_ENABLED else []),
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO (the proxy must
# overwrite that header); the value "https" marks a secure request.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Backups (`manage.py backup` / `restore`): where pg_dump and pg_restore live on PostgreSQL.
PG_BIN_DIR = os.environ.get("PG_BIN_DIR", "")

# Every handler redacts the secrets of URLs (survey links, calendar feeds, password-reset links):
# log lines carry the route, never the token (`lib.redact`). Django's own handlers are replaced
# here rather than left from its defaults, so none of them writes without the filter: runserver's
# request lines (`django.server`), error reports (`django.request`, `django.security`) and the
# mail to ADMINS. gunicorn's access log is redacted by `lib.gunicorn_logging` (`make serve`).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_secrets": {"()": "lib.redact.RedactSecretsFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
        "django.server": {
            "level": "INFO",
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_secrets"],
        },
        "mail_admins": {
            "level": "ERROR",
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "redact_secrets"],
        },
    },
    "loggers": {
        # Printed by the root's console handler (propagation), mailed to ADMINS if any.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
if SQLITE:
    # The 500s that lib.locked turns into a retry or a 503 are logged by it, not as server errors.
    LOGGING["filters"]["skip_database_locked"] = {"()": "lib.locked.SkipDatabaseLockedErrors"}
    LOGGING["loggers"]["django.request"] = {"filters": ["skip_database_locked"]}
