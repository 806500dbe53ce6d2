"""Unknown pages, refusals, form-check failures and crashes get a clear page, never a trace."""

import pytest
from django.test import Client
from django.urls import reverse

from partnership.models import AccessEvent


def test_unknown_url_gets_the_services_404_page(client, users):
    client.force_login(users["headteacher"])
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page not found" in content
    assert "Harrowdale Borough Council" in content or "council" in content.lower()
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.NOT_FOUND).exists()


def test_missing_permission_gets_the_403_page_and_is_logged(client, users):
    client.force_login(users["headteacher"])
    response = client.get(reverse("users:list"))
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()
    event = AccessEvent.objects.get(kind=AccessEvent.Kind.DENIED)
    assert event.user == users["headteacher"]
    assert event.path == reverse("users:list")


def test_csrf_failure_gets_a_clear_page_and_is_logged(db, users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["officer"])
    response = client.post(reverse("users:create"), {"full_name": "X"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.CSRF_FAILURE).exists()


@pytest.mark.urls("tests.urls_with_failure")
def test_a_crash_shows_the_500_page_without_a_stack_trace(db, users):
    client = Client(raise_request_exception=False)
    client.force_login(users["officer"])
    response = client.get("/fail/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Sorry, there is a problem with the service" in content
    assert "secret internal detail" not in content
    assert "Traceback" not in content


def test_the_access_log_is_append_only(users):
    event = AccessEvent.objects.create(kind=AccessEvent.Kind.DENIED, username="x@example.invalid")
    event.detail = "changed"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AccessEvent.objects.all().delete()
    with pytest.raises(TypeError):
        AccessEvent.objects.update(detail="changed")
