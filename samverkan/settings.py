"""Settings for Samverkan, driven by environment variables with safe development defaults.

Production (DEBUG off) refuses to start with the development secret key; see `check_production`.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
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
    "accounts.apps.SamverkanAdminConfig",
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
    "axes",
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
    "preparation.apps.PreparationConfig",
    "desk.apps.DeskConfig",
    "demo.apps.DemoConfig",
]

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
    "audit.middleware.AuditWritesMiddleware",
    "axes.middleware.AxesMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite behind a threaded web server: readers do not block the writer (WAL), a writer waits
    # for the lock instead of failing at once (busy_timeout), and transactions take the write lock
    # when they begin (IMMEDIATE), so two of them never deadlock upgrading a read lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    )

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses sign-in for a locked-out username+IP before any password is checked.
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
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
OPEN_DATA_CONTACT_EMAIL = os.environ.get("OPEN_DATA_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)

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

# Lockout after repeated failed sign-ins (django-axes): per username and IP address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.backends.lockout_username"
AXES_VERBOSE = False
# Behind a reverse proxy: how many proxies set X-Forwarded-For (0 = use REMOTE_ADDR only).
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
