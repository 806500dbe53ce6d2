"""Hostile input, generated (hypothesis): random bytes, wrong encodings, ragged rows, huge cells
and formula-leading cells into both importers, and random answers into every form.

Whatever comes in: no crash (no 500), no partial write, and every rejected row names its row
and column.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schools.imports import ImportFailed, import_gias, import_ofsted
from schools.models import Inspection, School

from .test_authorisation_matrix import MATRIX, matrix_objects  # noqa: F401

DATA = Path(__file__).resolve().parent / "data"
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "\x00"]),
    st.just("x" * 100_000),
    st.just("\ufeff\u202e\ud7ff"),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def sample(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="cp1252", newline="") as handle:
        return list(csv.reader(handle))


def as_file(rows: list[list[str]], encoding="cp1252") -> io.BytesIO:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return io.BytesIO(out.getvalue().encode(encoding, errors="replace"))


def run(importer, source) -> tuple[str, object]:
    """('failed', ImportFailed) or ('done', ImportResult): nothing else may come out."""
    try:
        return "done", importer(source)
    except ImportFailed as failure:
        return "failed", failure


def check_outcome(outcome, counts_before, counts_after):
    kind, value = outcome
    problems = value.problems if kind == "failed" else value.rejected
    rejected = kind == "failed" or value.rejected_count
    if rejected:
        assert counts_after == counts_before, "a refused file changed the register"
        assert (value.message if kind == "failed" else "").strip() or problems
    for problem in problems:
        if problem.row is not None:  # a row's problem names the row and the column
            assert problem.row >= 1 and problem.column, problem


def counts():
    return School.objects.count(), Inspection.objects.count()


@pytest.mark.django_db
@FUZZ
@given(data=st.binary(max_size=4000))
def test_random_bytes_are_refused_cleanly_by_both_importers(data):
    for importer in (import_gias, import_ofsted):
        before = counts()
        check_outcome(run(importer, io.BytesIO(data)), before, counts())


@pytest.mark.django_db
@FUZZ
@given(
    which=st.sampled_from(
        [
            (import_gias, "gias_990_2025.csv"),
            (import_ofsted, "ofsted_mi_990_2019_framework.csv"),
            (import_ofsted, "ofsted_mi_990_report_cards.csv"),
        ]
    ),
    edits=st.lists(
        st.tuples(st.integers(1, 40), st.integers(0, 80), HOSTILE), min_size=1, max_size=6
    ),
    ragged=st.lists(st.tuples(st.integers(1, 40), st.integers(-5, 5)), max_size=3),
    encoding=st.sampled_from(["cp1252", "utf-8", "utf-16", "latin-1"]),
)
def test_hostile_cells_and_ragged_rows_are_rejected_by_row_and_column(
    which, edits, ragged, encoding
):
    importer, name = which
    rows = sample(name)
    for row_number, column, value in edits:
        row = rows[min(row_number, len(rows) - 1)]
        row[column % len(row)] = value
    for row_number, change in ragged:
        row = rows[min(row_number, len(rows) - 1)]
        if change < 0:
            del row[change:]
        else:
            row.extend(["extra"] * change)
    if importer is import_ofsted:
        import_gias(as_file(sample("gias_990_2025.csv")))  # the schools the inspections are of
    before = counts()
    check_outcome(run(importer, as_file(rows, encoding)), before, counts())


def form_fields(html: str) -> list[str]:
    names = re.findall(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"', html)
    return [name for name in dict.fromkeys(names) if name != "csrfmiddlewaretoken"]


def history_rows() -> int:
    """Every change to a domain model writes a history row: the count shows a partial write."""
    from simple_history.models import registered_models

    return sum(model.history.model.objects.count() for model in registered_models.values())


def forms_and_roles():
    """Each URL whose form the matrix expects someone to get back (200) on a bad POST."""
    for name, (_kwargs, expected) in sorted(MATRIX.items()):
        role = next(
            (role for role, methods in expected.items() if role and methods["POST"] == 200), None
        )
        if role is not None and name not in {"login", "password_reset", "password_change"}:
            yield name, role


FORMS = list(forms_and_roles())


@pytest.mark.django_db
@pytest.mark.parametrize("name,role", FORMS, ids=[name for name, _ in FORMS])
def test_every_form_answers_hostile_input_without_a_crash_or_a_partial_write(
    name,
    role,
    matrix_objects,  # noqa: F811 (the fixture imported above)
    users,
    school,
    client,  # noqa: F811
):
    kwargs_for, _expected = MATRIX[name]
    objects = {"users": users, "school": school, **matrix_objects}
    url = reverse(name, kwargs=kwargs_for(objects) if kwargs_for else {})
    client.force_login(users[role])
    fields = form_fields(client.get(url).content.decode())

    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
    @given(answers=st.fixed_dictionaries(dict.fromkeys(fields, HOSTILE)))
    def post(answers):
        before = history_rows()
        response = client.post(url, answers)
        assert response.status_code in (200, 302), f"{name}: {response.status_code}"
        if response.status_code == 200:  # refused: the form came back, nothing was written
            assert history_rows() == before, f"{name} wrote part of a refused form"
            assert "Traceback" not in response.content.decode()

    post()
