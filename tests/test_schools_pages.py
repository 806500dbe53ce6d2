"""The schools register pages: filters, the closed-school warning and constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schools.models import Governance, Phase, Status, TypeGroup

from .factories import SchoolFactory


@pytest.fixture
def signed_in(client, users):
    client.force_login(users["board_member"])
    return client


def test_filters_by_phase_governance_and_search(signed_in, school):
    academy = SchoolFactory(
        name="Northgate Academy",
        phase=Phase.SECONDARY,
        governance=Governance.ACADEMY,
        type_group=TypeGroup.ACADEMIES,
        establishment_type="Academy sponsor led",
    )
    response = signed_in.get(reverse("schools:list"), {"governance": Governance.ACADEMY})
    assert list(response.context["schools"]) == [academy]
    response = signed_in.get(reverse("schools:list"), {"q": str(school.urn)})
    assert list(response.context["schools"]) == [school]
    response = signed_in.get(reverse("schools:list"), {"phase": "nonsense"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_closed_school_is_shown_as_closed(signed_in):
    closed = SchoolFactory(name="Marsh End Primary School", status=Status.CLOSED)
    response = signed_in.get(reverse("schools:detail", kwargs={"urn": closed.urn}))
    assert "This school closed" in response.content.decode()


def test_the_register_makes_the_same_number_of_queries_for_more_schools(signed_in):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(reverse("schools:list")).status_code == 200
        return len(queries)

    SchoolFactory()
    few = count()
    SchoolFactory.create_batch(30)
    assert count() == few
