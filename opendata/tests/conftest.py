import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_rate_limit_buckets():
    cache.clear()
