"""Hostile input against every URL as a visitor, a member and the coordinator (the other roles
are in `test_fuzz_officials.py`; the machinery is `testing/url_fuzz.py`)."""

import pytest

from testing import url_fuzz

ROLES = {"anonym": None, "ledamot": "ledamot", "koordinator": "koordinator"}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_no_hostile_request_answers_5xx_or_leaves_half_written_rows_or_files(
    demo, settings, tmp_path, monkeypatch
):
    url_fuzz.run(ROLES, settings=settings, tmp_path=tmp_path, monkeypatch=monkeypatch)
