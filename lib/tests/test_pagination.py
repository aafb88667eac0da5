"""One pager (lib/pagination.py): the page-number parser every list uses, `?sida=` showing page 1
for anything that is not a page, and the rows sliced, not read whole."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from lib.pagination import MAX_PAGE, page_at, page_number, paginate, paginator


@pytest.mark.parametrize("raw", ["1", "2", "007", str(MAX_PAGE)])
def test_digits_from_1_to_the_maximum_are_a_page(raw):
    assert page_number(raw) == int(raw)


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "0",
        "-1",
        "+1",
        "1.0",
        "2.5",
        "1e3",
        " 1",
        "1 ",
        "abc",
        "\x00",
        "١",
        "9" * 5000,
        str(MAX_PAGE + 1),
    ],
)
def test_anything_else_is_not_a_page(raw):
    assert page_number(raw) is None


@given(st.text(max_size=12))
def test_a_page_number_is_none_or_within_bounds(raw):
    number = page_number(raw)
    assert number is None or 1 <= number <= MAX_PAGE


def _request(**query):
    return RequestFactory().get("/lista/", query)


class Rows(list):
    """A list that records which slices are read."""

    def __init__(self, n):
        super().__init__(range(n))
        self.slices = []

    def count(self):
        return len(self)

    def __getitem__(self, item):
        self.slices.append(item)
        return super().__getitem__(item)


def test_paginate_reads_only_the_page_s_rows():
    rows = Rows(60)
    page = paginate(_request(sida="2"), rows)
    assert (page.number, list(page.object_list)) == (2, list(range(25, 50)))
    assert rows.slices == [slice(25, 50)]


@pytest.mark.parametrize("sida", ["0", "-1", "abc", "4", "99999999999999999999", "2.0", ""])
def test_a_hostile_or_stale_sida_shows_page_one(sida):
    page = paginate(_request(sida=sida), Rows(60))
    assert page.number == 1 and list(page.object_list) == list(range(25))


def test_a_count_given_by_the_caller_is_not_counted_again():
    class Uncountable(Rows):
        def count(self):
            raise AssertionError("counted again")

    page = paginate(_request(sida="2"), Uncountable(30), 10, count=30)
    assert page.paginator.num_pages == 3 and list(page.object_list) == list(range(10, 20))


def test_page_at_says_none_for_a_page_that_is_not_there():
    pages = paginator(Rows(51), 50)
    assert list(page_at(pages, 2).object_list) == [50]
    assert page_at(pages, 3) is None and page_at(pages, None) is None
    assert list(page_at(paginator(Rows(0), 50), 1).object_list) == []  # an empty list has page 1
