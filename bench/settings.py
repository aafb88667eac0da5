"""Settings for `make bench`: the project's settings as production runs them where it matters
for speed (DEBUG off, so no query log and no template debug information), with a few changes
that let one process measure every page:

- the open-data rate limit is lifted (the bench asks each API list hundreds of times);
- the bench-only URLconf adds a bare view (`bench.urls`) in front of the project's URLs;
- the test client's host is allowed; no HTTPS redirect or secure-only cookies (in-process);
- two factors stay off for coordinators, as in development (signed in with `force_login`).
"""

import warnings

from samverkan.settings import *  # noqa: F403
from samverkan.settings import ALLOWED_HOSTS, TEMPLATES

DEBUG = False
TEMPLATES[0]["OPTIONS"]["debug"] = False
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
ROOT_URLCONF = "bench.urls"
API_RATE_LIMIT_PER_MINUTE = 10**9
API_RATE_LIMIT_BURST = 10**9
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
OTP_REQUIRED_FOR_STAFF = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # no hashing is measured

from samverkan.settings import INSTALLED_APPS  # noqa: E402

# The bench loads the demo before it seeds the national volume (DEBUG is off here).
DEMO_ENABLED = True
INSTALLED_APPS = [
    *(app for app in INSTALLED_APPS if app != "demo.apps.DemoConfig"),
    "demo.apps.DemoConfig",
    "bench.apps.BenchConfig",
]

# WhiteNoise warns once per process that collectstatic has not run; the bench serves no static.
warnings.filterwarnings("ignore", "No directory at", UserWarning)
