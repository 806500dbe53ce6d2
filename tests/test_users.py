"""Officers manage accounts and roles in the app; the rules hold in forms and services alike."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnership import services
from partnership.models import Role, User

from .factories import SchoolFactory, UserFactory


@pytest.fixture
def officer_client(client, users):
    client.force_login(users["officer"])
    return client


def test_officer_adds_a_headteacher_who_is_invited_by_email(
    officer_client, school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            reverse("users:create"),
            {
                "full_name": "Grace Hopper",
                "email": "Grace.Hopper@Example.invalid",
                "roles": [Role.HEADTEACHER, Role.SYSTEM_LEADER],
                "schools": [school.pk],
            },
        )
    assert response.status_code == 302
    account = User.objects.get(email="grace.hopper@example.invalid")
    assert account.role_codes == {Role.HEADTEACHER, Role.SYSTEM_LEADER}
    assert list(account.schools.all()) == [school]
    assert account.person.last_name == "Hopper"
    assert account.person.school == school
    assert not account.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body
    created = account.history.earliest()
    assert created.history_user.email == "officer@example.invalid"


def test_a_headteacher_needs_a_school(officer_client):
    response = officer_client.post(
        reverse("users:create"),
        {"full_name": "No School", "email": "ns@example.invalid", "roles": [Role.HEADTEACHER]},
    )
    assert response.status_code == 200
    assert "Choose the school this headteacher leads." in response.content.decode()
    assert not User.objects.filter(email="ns@example.invalid").exists()


def test_an_existing_email_in_another_case_is_refused(officer_client, users):
    response = officer_client.post(
        reverse("users:create"),
        {"full_name": "Dup", "email": "OFFICER@example.invalid", "roles": [Role.OFFICER]},
    )
    assert "There is already an account for officer@example.invalid." in response.content.decode()
    assert User.objects.filter(email__iexact="officer@example.invalid").count() == 1


def test_an_officer_cannot_grant_the_administrator_role(officer_client):
    response = officer_client.post(
        reverse("users:create"),
        {"full_name": "Sneaky", "email": "sneaky@example.invalid", "roles": [Role.ADMIN]},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(email="sneaky@example.invalid").exists()


def test_the_service_refuses_an_admin_grant_by_an_officer_whatever_the_caller(users):
    with pytest.raises(PermissionDenied):
        services.user_create(
            actor=users["officer"],
            email="x@example.invalid",
            full_name="X",
            roles=[Role.ADMIN],
            send_invitation=False,
        )
    assert not User.objects.filter(email="x@example.invalid").exists()


def test_an_officer_editing_an_administrator_keeps_their_admin_role(officer_client, users):
    admin = users["admin"]
    response = officer_client.post(
        reverse("users:edit", kwargs={"pk": admin.pk}),
        {
            "full_name": admin.full_name,
            "email": admin.email,
            "roles": [Role.OFFICER],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    admin = User.objects.get(pk=admin.pk)
    assert admin.role_codes == {Role.ADMIN, Role.OFFICER}
    assert admin.is_staff


def test_an_administrator_grants_admin_which_opens_the_admin_site(client, users):
    client.force_login(users["admin"])
    target = users["board_member"]
    client.post(
        reverse("users:edit", kwargs={"pk": target.pk}),
        {
            "full_name": target.full_name,
            "email": target.email,
            "roles": [Role.BOARD_MEMBER, Role.ADMIN],
            "is_active": "on",
        },
    )
    target = User.objects.get(pk=target.pk)
    assert target.is_staff and target.is_superuser


def test_deactivating_a_user_keeps_the_record(officer_client, users, client):
    target = users["board_member"]
    response = officer_client.post(
        reverse("users:edit", kwargs={"pk": target.pk}),
        {"full_name": target.full_name, "email": target.email, "roles": [Role.BOARD_MEMBER]},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_active is False
    assert target.history.count() >= 2


def test_an_officer_cannot_deactivate_themselves(officer_client, users):
    me = users["officer"]
    response = officer_client.post(
        reverse("users:edit", kwargs={"pk": me.pk}),
        {"full_name": me.full_name, "email": me.email, "roles": [Role.OFFICER]},
    )
    assert response.status_code == 200
    assert "You cannot deactivate your own account." in response.content.decode()
    me.refresh_from_db()
    assert me.is_active


def test_invitation_can_be_sent_again(officer_client, users):
    target = users["headteacher"]
    response = officer_client.post(reverse("users:invite", kwargs={"pk": target.pk}))
    assert response.status_code == 302
    assert mail.outbox[0].to == [target.email]


def test_the_list_filters_by_role_and_search(officer_client, users):
    response = officer_client.get(reverse("users:list"), {"role": Role.HEADTEACHER})
    listed = {account.email for account in response.context["users"]}
    assert listed == {"head@example.invalid", "head2@example.invalid"}
    response = officer_client.get(reverse("users:list"), {"q": "board@"})
    assert [account.email for account in response.context["users"]] == ["board@example.invalid"]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_makes_the_same_number_of_queries_for_more_users(officer_client, users):
    url = reverse("users:list")
    few = count_queries(officer_client, url)
    for _index in range(15):
        UserFactory(roles=[Role.HEADTEACHER, Role.SYSTEM_LEADER], schools=[SchoolFactory()])
    assert count_queries(officer_client, url) == few


@pytest.mark.parametrize(
    ("full_name", "short"),
    [
        ("Cllr Margaret Ellis", "Margaret"),
        ("Dr. Amira Patel", "Amira"),
        ("Priya Shah", "Priya"),
        ("Mrs", "Mrs"),
    ],
)
def test_greetings_use_the_first_name_not_a_title(full_name, short):
    from partnership.models import User

    assert User(full_name=full_name, email="x@example.invalid").get_short_name() == short
