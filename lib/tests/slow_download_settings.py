"""`make serve`'s test settings with one more URL, a download that streams slower than the
gunicorn timeout `lib/tests/test_long_downloads.py` sets (lib/tests/slow_download.py). Only that
test's server uses it; the download is never part of the product's URLs."""

from testing.serve_settings import *  # noqa: F403

ROOT_URLCONF = "lib.tests.slow_download"
