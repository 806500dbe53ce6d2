"""Security headers on every response; signed-in pages are never cached."""

from django.urls import reverse


def test_public_pages_carry_the_security_headers(client, db):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_signed_in_pages_are_not_stored(client, users):
    client.force_login(users["officer"])
    response = client.get(reverse("users:list"))
    assert response["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response


def test_the_session_cookie_is_http_only_and_same_site(client, users):
    response = client.post(
        reverse("login"),
        {"username": users["officer"].email, "password": "correct horse battery staple"},
    )
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
