"""NUL characters in input get a clear 400, never a database error (PostgreSQL refuses them)."""

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/minnesanteckningar/?q=a%00b",
        "/moten/?group=%00",
        "/beslut/?sida=%00",
        "/grupper/%00/",
    ],
)
def test_nul_in_the_url_is_a_bad_request(client, structure, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Ogiltiga tecken" in response.content.decode()


def test_nul_in_a_search_is_refused_in_swedish(client, structure):
    response = client.get("/minnesanteckningar/", {"q": "ab\x00c"})
    assert response.status_code == 400
    assert "Ogiltiga tecken" in response.content.decode()


def test_nul_in_a_posted_form_is_refused(client, structure):
    from testing.builders import member_user

    client.force_login(member_user("alice", "lsg"))
    response = client.post("/arenden/nytt/", {"title": "x\x00"})
    assert response.status_code == 400


def test_ordinary_input_passes(client, structure):
    assert client.get("/minnesanteckningar/", {"q": "äldre"}).status_code == 200
