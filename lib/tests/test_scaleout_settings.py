"""Several app servers: the cache and the file storage are chosen from the environment."""

import json
import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from lib.s3 import TrackedS3Storage
from lib.uploads import TrackedStorageMixin, _saved_in_request

SHOW = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({'cache': settings.CACHES['default'], "
    "'storage': settings.STORAGES['default'], 'sessions': settings.SESSION_ENGINE}))"
)


def settings_with(env: dict[str, str]) -> dict:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"CACHE_URL", "REDIS_URL", "S3_BUCKET", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=Path(settings.BASE_DIR),
        env={**base, "DJANGO_SETTINGS_MODULE": "samverkan.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_development_uses_a_local_memory_cache_and_files_under_media_root():
    chosen = settings_with({})
    assert chosen["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert chosen["storage"]["BACKEND"] == "lib.uploads.TrackedFileSystemStorage"


def test_cache_url_selects_a_shared_redis_cache():
    chosen = settings_with({"CACHE_URL": "redis://cache.internal:6379/1"})
    assert chosen["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert chosen["cache"]["LOCATION"] == "redis://cache.internal:6379/1"
    # Sessions stay in the database (on SQLite Django's database sessions, see lib/sessions.py).
    assert issubclass(import_module(chosen["sessions"]).SessionStore, DatabaseSessionStore)


def test_redis_url_is_accepted_as_well():
    chosen = settings_with({"REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert chosen["cache"]["LOCATION"] == "redis://127.0.0.1:6379/0"


def test_s3_bucket_selects_private_s3_storage_for_uploads():
    chosen = settings_with(
        {"S3_BUCKET": "samverkan-filer", "S3_ENDPOINT_URL": "https://s3.example.se"}
    )
    assert chosen["storage"]["BACKEND"] == "lib.s3.TrackedS3Storage"
    options = chosen["storage"]["OPTIONS"]
    assert options["bucket_name"] == "samverkan-filer"
    assert options["endpoint_url"] == "https://s3.example.se"
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True


def test_the_s3_storage_remembers_what_a_request_wrote_like_the_local_one():
    assert issubclass(TrackedS3Storage, TrackedStorageMixin)
    assert TrackedS3Storage.__mro__.index(TrackedStorageMixin) < [
        c.__name__ for c in TrackedS3Storage.__mro__
    ].index("S3Storage")


def test_a_file_saved_during_a_request_is_remembered_for_the_orphan_check(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    token = _saved_in_request.set([])
    try:
        name = default_storage.save("papers/test.txt", ContentFile(b"x"))
        assert _saved_in_request.get() == [name]
    finally:
        _saved_in_request.reset(token)
