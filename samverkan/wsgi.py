"""WSGI entry point (gunicorn samverkan.wsgi; runserver uses it too)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
application = get_wsgi_application()

# Import every view now rather than in the first request. `make serve` runs gunicorn with
# --preload, so this happens once, before the workers are forked: a worker's first request no
# longer spends seconds importing the site, which on a busy machine outlasted gunicorn's timeout
# and got the worker killed, over and over. No connection opened here may be shared by workers.
from django.db import connections  # noqa: E402
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018 – the import is the point
connections.close_all()
