"""`make serve`'s settings for the tests that start gunicorn (testing/real_server.py).

Production's settings, except that static files are served unhashed: the production storage needs
`collectstatic`, whose compression takes minutes, and no page's database writes depend on it."""

from samverkan.settings import *  # noqa: F403
from samverkan.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
