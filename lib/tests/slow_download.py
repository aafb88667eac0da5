"""The URLs of `lib/tests/test_long_downloads.py`'s server: the product's, plus one download that
streams for a few seconds, slower than the gunicorn timeout the test sets, so the test shows
whether the server lets a long download finish (settings: lib/tests/slow_download_settings.py)."""

import time

from django.http import StreamingHttpResponse
from django.urls import path

from samverkan.urls import urlpatterns as product_urls

CHUNKS = 10
CHUNK_SECONDS = 0.6
LINE = "rad;" + "x" * 1000 + "\n"


def _slow_rows():
    for number in range(CHUNKS):
        time.sleep(CHUNK_SECONDS)
        yield f"{number};{LINE}" * 100


def slow_download(request):
    return StreamingHttpResponse(_slow_rows(), content_type="text/csv; charset=utf-8")


urlpatterns = [path("test-langsam-nedladdning.csv", slow_download), *product_urls]
