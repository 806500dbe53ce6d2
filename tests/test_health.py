"""/health/ reports the database and the broker, and says 503 when one is down."""

from django.urls import reverse


def test_healthy(client, db, settings):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    expected_broker = "ok" if settings.CELERY_BROKER_URL else "in-process"
    assert body["broker"] == expected_broker


def test_an_unreachable_broker_makes_it_unhealthy(client, db, settings):
    # A real connection to a port where nothing listens, not a mock.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("health"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["broker"].startswith("error")
    assert body["database"] == "ok"
