"""GIAS and Ofsted imports: real layouts, re-runs change nothing, bad input changes nothing."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from schools.imports import ImportFailed, import_gias, import_ofsted
from schools.models import ImportRun, Inspection, School, Status, Trust, Ward

DATA = Path(__file__).parent / "data"
GIAS_2025 = DATA / "gias_990_2025.csv"
OFSTED_2019 = DATA / "ofsted_mi_990_2019_framework.csv"
REPORT_CARDS = DATA / "ofsted_mi_990_report_cards.csv"

pytestmark = pytest.mark.django_db


def header_2025() -> list[str]:
    with GIAS_2025.open(encoding="cp1252", newline="") as handle:
        return next(csv.reader(handle))


def header_2021() -> list[str]:
    """The pre-2024 layout: 139 columns, with Ofsted columns, without FSM and accreditation."""
    header = [name for name in header_2025() if name not in {"FSM", "AccreditationExpiryDate"}]
    header += [
        "OfstedLastInsp",
        "OfstedSpecialMeasures (code)",
        "OfstedSpecialMeasures (name)",
        "OfstedRating (name)",
        "RSCRegion (name)",
        "CensusAreaStatisticWard (name)",
    ]
    return header


def school_row(**overrides) -> dict:
    row = {
        "URN": "123456",
        "LA (code)": "876",
        "LA (name)": "Halton",
        "EstablishmentNumber": "2001",
        "EstablishmentName": "St Bede’s Catholic Primary School",
        "TypeOfEstablishment (name)": "Voluntary aided school",
        "EstablishmentTypeGroup (name)": "Local authority maintained schools",
        "EstablishmentStatus (name)": "Open",
        "OpenDate": "01-09-1974",
        "PhaseOfEducation (name)": "Primary",
        "StatutoryLowAge": "3",
        "StatutoryHighAge": "11",
        "NumberOfPupils": "210",
        "PercentageFSM": "23.4",
        "ReligiousCharacter (name)": "Roman Catholic",
        "Diocese (name)": "Archdiocese of Liverpool",
        "AdministrativeWard (code)": "E05001234",
        "AdministrativeWard (name)": "Appleton",
        "Postcode": "WA8 7AA",
        "Easting": "351234",
        "Northing": "385678",
        "HeadTitle (name)": "Mrs",
        "HeadFirstName": "Anne",
        "HeadLastName": "Côté",
        "SchoolWebsite": "www.stbedes.example",
        "OfstedRating (name)": "Good",
    }
    row.update(overrides)
    return row


def csv_file(header: list[str], rows: list[dict], *, encoding="cp1252") -> io.BytesIO:
    text = io.StringIO()
    writer = csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return io.BytesIO(text.getvalue().encode(encoding))


def test_the_2025_sample_imports_and_a_second_run_changes_nothing():
    with GIAS_2025.open("rb") as handle:
        first = import_gias(handle)
    assert first.created == 45 and first.rejected_count == 0
    assert first.skipped["not a state-funded school (Independent schools)"] == 1
    closed = School.objects.filter(status=Status.CLOSED)
    assert closed.count() == 1 and closed.get().close_date is not None
    assert School.objects.filter(name__contains="’").exists()  # cp1252 0x92 read as ’
    history = School.history.count()
    with GIAS_2025.open("rb") as handle:
        second = import_gias(handle)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 45)
    assert School.history.count() == history


@pytest.mark.parametrize("layout", [header_2021, header_2025])
def test_both_gias_layouts_import_by_header_name(layout):
    header = layout()
    assert len(header) == (139 if layout is header_2021 else 135)
    result = import_gias(csv_file(header, [school_row()]))
    assert result.created == 1
    school = School.objects.get(urn=123456)
    assert school.laestab == "8762001"
    assert school.head_name == "Mrs Anne Côté"
    assert school.ward == Ward.objects.get(code="E05001234")
    assert school.diocese == "Archdiocese of Liverpool"
    assert school.website == "https://www.stbedes.example"
    assert str(school.percentage_fsm) == "23.4"


def test_columns_in_another_order_and_missing_optional_columns_are_fine():
    header = ["EstablishmentName", "LA (code)", "URN", "EstablishmentTypeGroup (name)"]
    result = import_gias(csv_file(header, [school_row()]))
    assert result.created == 1


def test_an_academy_is_explicitly_not_maintained_and_keeps_its_trust():
    row = school_row(
        **{
            "TypeOfEstablishment (name)": "Academy converter",
            "EstablishmentTypeGroup (name)": "Academies",
            "Trusts (code)": "4321",
            "Trusts (name)": "Mersey Learning Trust",
        }
    )
    import_gias(csv_file(header_2025(), [row]))
    school = School.objects.get(urn=123456)
    assert school.is_academy
    assert school.trust == Trust.objects.get(code="4321")


def test_changes_update_in_place_with_history_and_closing_keeps_the_school():
    import_gias(csv_file(header_2025(), [school_row()]))
    closing = school_row(**{"EstablishmentStatus (name)": "Closed", "CloseDate": "31-08-2025"})
    result = import_gias(csv_file(header_2025(), [closing]))
    assert result.updated == 1
    school = School.objects.get(urn=123456)
    assert school.status == Status.CLOSED
    assert school.history.count() == 2


def test_la_filter_skips_other_authorities():
    rows = [school_row(), school_row(URN="654321", **{"LA (code)": "925"})]
    result = import_gias(csv_file(header_2025(), rows), la_codes=[925])
    assert result.created == 1 and result.skipped["in another local authority"] == 1
    assert list(School.objects.values_list("urn", flat=True)) == [654321]


def test_dry_run_reports_and_changes_nothing():
    result = import_gias(csv_file(header_2025(), [school_row()]), dry_run=True)
    assert result.created == 1 and not result.applied
    assert not School.objects.exists()
    assert not Ward.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "column", "reason"),
    [
        ({"URN": "12a456"}, "URN", "is not a whole number"),
        ({"OpenDate": "31-02-2024"}, "OpenDate", "is not a real date in the form dd-mm-yyyy"),
        ({"PhaseOfEducation (name)": "Kindergarten"}, "PhaseOfEducation (name)", "is not a GIAS"),
        ({"EstablishmentName": ""}, "EstablishmentName", "is empty but required"),
    ],
)
def test_a_bad_row_is_named_and_nothing_changes(overrides, column, reason):
    rows = [school_row(URN="111111"), school_row(**overrides)]
    result = import_gias(csv_file(header_2025(), rows))
    assert result.rejected_count == 1
    problem = result.rejected[0]
    assert (problem.row, problem.column) == (3, column)
    assert reason in problem.reason
    assert not School.objects.exists()


def test_a_duplicate_urn_is_rejected():
    result = import_gias(csv_file(header_2025(), [school_row(), school_row()]))
    assert result.rejected[0].reason == "appears twice (first on row 2)"


def _bytes_of(header, rows):
    return csv_file(header, rows).getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"   \r\n", "The file is empty."),
        ("\ufeffURN,EstablishmentName\r\n".encode(), "saved as Unicode"),
        (
            '"URN","EstablishmentName"\r\n"123456","École"\r\n'.encode(),
            "saved as UTF-8",
        ),
        (b"PK\x03\x04rest-of-a-zip", "spreadsheet"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(content, message):
    with pytest.raises(ImportFailed) as failure:
        import_gias(io.BytesIO(content))
    assert message in failure.value.message


def test_a_truncated_file_names_the_row():
    content = _bytes_of(header_2025(), [school_row(), school_row(URN="222222")])
    cut = io.BytesIO(content[: len(content) - 400])
    result_or_failure = None
    try:
        result_or_failure = import_gias(cut)
    except ImportFailed as failure:
        assert "Row 3" in failure.message
    else:
        assert result_or_failure.rejected[0].row == 3
        assert "truncated" in result_or_failure.rejected[0].reason
    assert not School.objects.exists()


def test_an_undefined_windows_1252_byte_is_refused():
    content = _bytes_of(header_2025(), [school_row()]).replace(b"Primary", b"Prim\x81ry", 1)
    with pytest.raises(ImportFailed) as failure:
        import_gias(io.BytesIO(content))
    assert "not Windows-1252" in failure.value.message
    assert failure.value.message.startswith("Line 2, EstablishmentName:")


def test_an_ofsted_file_given_to_the_gias_import_says_so():
    with OFSTED_2019.open("rb") as handle, pytest.raises(ImportFailed) as failure:
        import_gias(handle)
    assert "Ofsted" in failure.value.message


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 1000
    with GIAS_2025.open("rb") as handle, pytest.raises(ImportFailed) as failure:
        import_gias(handle)
    assert "largest accepted" in failure.value.message


# ----------------------------------------------------------------------------------- Ofsted


@pytest.fixture
def register():
    with GIAS_2025.open("rb") as handle:
        import_gias(handle)


def test_both_ofsted_layouts_import_every_inspection_and_rerun_changes_nothing(register):
    with OFSTED_2019.open("rb") as handle:
        graded = import_ofsted(handle)
    assert graded.rejected_count == 0
    # Latest and previous graded inspection on every row.
    assert graded.created == Inspection.objects.count() >= 2 * 43 - graded.skipped.total()
    with REPORT_CARDS.open("rb") as handle:
        cards = import_ofsted(handle)
    assert cards.created == 15
    assert Inspection.objects.filter(kind="report_card").count() == 15
    school = School.objects.get(urn=901990)
    assert school.inspections.count() == 3  # previous, latest graded, report card
    assert school.outcome == "report_card" and school.good_or_better is False
    for path in (OFSTED_2019, REPORT_CARDS):
        with path.open("rb") as handle:
            again = import_ofsted(handle)
        assert (again.created, again.updated) == (0, 0)


def test_an_older_file_after_a_newer_one_adds_history_without_losing_it(register):
    with REPORT_CARDS.open("rb") as handle:
        import_ofsted(handle)
    with OFSTED_2019.open("rb") as handle:
        import_ofsted(handle)
    school = School.objects.get(urn=901990)
    assert school.outcome == "report_card"
    assert school.inspections.filter(kind="graded").count() == 2


def test_an_ofsted_row_for_an_unknown_school_is_skipped_with_the_reason(register):
    header = ["URN", "Inspection number", "Inspection start date", "Safeguarding standards"]
    rows = [
        {
            "URN": "999999",
            "Inspection number": "1",
            "Inspection start date": "17/11/2025",
            "Safeguarding standards": "Met",
        }
    ]
    result = import_ofsted(csv_file(header, rows))
    assert result.skipped["URN not in the register (import GIAS first)"] == 1


def test_a_bad_ofsted_date_or_grade_rejects_the_file(register):
    header = [
        "URN",
        "Inspection number",
        "Inspection start date",
        "Safeguarding standards",
        "Inclusion",
    ]
    rows = [
        {
            "URN": "901990",
            "Inspection number": "1",
            "Inspection start date": "17/11/2025",
            "Safeguarding standards": "Met",
            "Inclusion": "Strong standard",
        },
        {
            "URN": "901991",
            "Inspection number": "2",
            "Inspection start date": "31/02/2026",
            "Safeguarding standards": "Met",
            "Inclusion": "Good",
        },
    ]
    result = import_ofsted(csv_file(header, rows))
    assert result.rejected_count == 1
    assert (result.rejected[0].row, result.rejected[0].column) == (3, "Inspection start date")
    assert not Inspection.objects.exists()


def test_a_gias_file_given_to_the_ofsted_import_says_so():
    with GIAS_2025.open("rb") as handle, pytest.raises(ImportFailed) as failure:
        import_ofsted(handle)
    assert "GIAS" in failure.value.message


# ------------------------------------------------------------------------------ the commands


def test_the_commands_record_each_run_and_exit_non_zero_on_bad_input(tmp_path):
    out = io.StringIO()
    call_command("import_gias", str(GIAS_2025), "--la", "990", "--dry-run", stdout=out)
    assert "Dry run: nothing was changed." in out.getvalue()
    assert not School.objects.exists()
    call_command("import_gias", str(GIAS_2025), stdout=io.StringIO())
    call_command("import_ofsted", str(OFSTED_2019), stdout=io.StringIO())
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    with pytest.raises(CommandError, match="The file is empty"):
        call_command("import_ofsted", str(bad), stdout=io.StringIO(), stderr=io.StringIO())
    states = list(ImportRun.objects.order_by("pk").values_list("kind", "state", "source"))
    assert states == [
        ("gias", "checked", "command"),
        ("gias", "applied", "command"),
        ("ofsted", "applied", "command"),
        ("ofsted", "failed", "command"),
    ]
    assert ImportRun.objects.get(state="applied", kind="gias").summary["created"] == 45
