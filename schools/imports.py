"""GIAS and Ofsted imports: stream the file, check every row, change everything or nothing.

Both importers read the public files as published (DESIGN.md §6, shared data README): Windows-1252
text, columns found by header name, one row at a time (the national GIAS file has ~50,000 rows).
All changes happen in one transaction; if any row is rejected, or on a dry run, the transaction
is rolled back and the summary says what would have happened. Running a file twice changes
nothing the second time.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import BinaryIO

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from . import outcomes
from .models import (
    Governance,
    ImportRun,
    Inspection,
    InspectionKind,
    LocalAuthority,
    Phase,
    School,
    Status,
    Trust,
    TypeGroup,
    Ward,
)
from .services import refresh_outcomes

MAX_PROBLEMS_KEPT = 500
BATCH = 1000

Progress = Callable[[int, int], None]


class ImportFailed(Exception):
    """The whole file was refused; `problems` say where."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


@dataclass
class Problem:
    row: int | None
    column: str
    value: str
    reason: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason}

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        column = f", column {self.column!r}" if self.column else ""
        value = f", value {self.value!r}" if self.value else ""
        return f"{where}{column}{value}: {self.reason}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    rejected: list[Problem] = field(default_factory=list)
    rejected_count: int = 0
    rows: int = 0
    applied: bool = False
    layout: str = ""
    noun: str = "schools"

    def reject(self, problem: Problem) -> None:
        self.rejected_count += 1
        if len(self.rejected) < MAX_PROBLEMS_KEPT:
            self.rejected.append(problem)

    def summary(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": sum(self.skipped.values()),
            "skipped_reasons": dict(self.skipped.most_common()),
            "rejected": self.rejected_count,
            "layout": self.layout,
            "noun": self.noun,
        }

    def lines(self) -> list[str]:
        lines = [
            f"{self.rows} rows read. {self.noun.capitalize()}: {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged. Rows: "
            f"{sum(self.skipped.values())} skipped, {self.rejected_count} rejected."
        ]
        for reason, count in self.skipped.most_common():
            lines.append(f"  skipped {count}: {reason}")
        for problem in self.rejected:
            lines.append(f"  rejected {problem}")
        if self.rejected_count > len(self.rejected):
            lines.append(f"  … and {self.rejected_count - len(self.rejected)} more rejected rows")
        return lines


class RowError(Exception):
    def __init__(self, column: str, value: str, reason: str):
        super().__init__(reason)
        self.column, self.value, self.reason = column, value, reason


# ----------------------------------------------------------------------------------- reading


class _CountingReader(io.RawIOBase):
    """Wraps a binary file and counts the bytes read, for progress."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.done = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        count = len(data)
        buffer[:count] = data
        self.done += count
        return count


def _file_size(fileobj: BinaryIO) -> int:
    try:
        position = fileobj.tell()
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(position)
        return size
    except (OSError, AttributeError):
        return 0


def _check_encoding(head: bytes) -> None:
    if head.startswith(b"\xef\xbb\xbf") or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailed(
            "The file is saved as Unicode (UTF-8 or UTF-16). GIAS and Ofsted publish "
            "Windows-1252 files: import the file as downloaded, not re-saved."
        )
    if b"\x00" in head:
        raise ImportFailed("This is not a CSV text file (it contains binary data).")
    if head.startswith(b"PK\x03\x04"):
        raise ImportFailed(
            "This is a spreadsheet (XLSX or ODS), not a CSV file. Download the CSV version."
        )
    if any(byte >= 0x80 for byte in head):
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # Cut mid-character at the end of the sample is still UTF-8.
            if error.start < len(head) - 4:
                return
        raise ImportFailed(
            "The file is saved as UTF-8. GIAS and Ofsted publish Windows-1252 files: import "
            "the file as downloaded, not re-saved."
        )


def _column_at(line: bytes, position: int, header: list[str]) -> str:
    """The column a byte falls in: its name once the header is known, else its number."""
    index, quoted = 0, False
    for byte in line[:position]:
        if byte == ord('"'):
            quoted = not quoted
        elif byte == ord(",") and not quoted:
            index += 1
    return header[index] if index < len(header) else f"column {index + 1}"


def _decode_lines(buffered, header: list[str]):
    """Decode line by line, so that a bad byte is reported with its line and column."""
    for number, line in enumerate(buffered, start=1):
        try:
            yield line.decode("cp1252")
        except UnicodeDecodeError as error:
            byte = line[error.start]
            column = _column_at(line, error.start, header)
            raise ImportFailed(
                f"Line {number}, {column}: byte 0x{byte:02x} is not Windows-1252 text. The "
                "file is damaged or in another encoding; import it as downloaded.",
                [Problem(number, column, f"0x{byte:02x}", "not Windows-1252 text")],
            ) from None


def read_rows(fileobj: BinaryIO, progress: Progress | None = None):
    """Yield (row number, header, cells) from a Windows-1252 CSV, checking its shape."""
    total = _file_size(fileobj)
    if total and total > settings.IMPORT_MAX_BYTES:
        raise ImportFailed(
            f"The file is {total / 1_000_000:.0f} MB; the largest accepted is "
            f"{settings.IMPORT_MAX_BYTES / 1_000_000:.0f} MB. The national GIAS file is about "
            "60 MB: check that this is the right file."
        )
    counting = _CountingReader(fileobj)
    buffered = io.BufferedReader(counting, buffer_size=256 * 1024)
    head = buffered.peek(64 * 1024)[: 64 * 1024]
    if not head.strip():
        raise ImportFailed("The file is empty.")
    _check_encoding(head)
    names: list[str] = []  # filled in once the header is read, to name a bad byte's column
    decoded = _decode_lines(buffered, names)
    reader = csv.reader(decoded, strict=True)
    row_number = 1
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFailed("The file is empty.") from None
    except csv.Error as error:
        raise ImportFailed(f"The header row cannot be read: {error}") from None
    header = [name.strip() for name in header]
    names.extend(header)
    yield 1, header, None
    while True:
        row_number += 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise ImportFailed(
                f"Row {row_number}: the CSV cannot be read ({error}). The file may be truncated.",
                [Problem(row_number, "the row as a whole", "", f"unreadable CSV: {error}")],
            ) from None
        if not any(cell.strip() for cell in cells):
            continue
        if progress and row_number % 500 == 0:
            progress(counting.done, total)
        yield row_number, header, cells
    if progress:
        progress(total or counting.done, total or counting.done)


class Row:
    """One data row, read by column name."""

    def __init__(self, number: int, index: dict[str, int], cells: list[str]):
        self.number, self.index, self.cells = number, index, cells

    def get(self, column: str) -> str:
        position = self.index.get(column)
        if position is None or position >= len(self.cells):
            return ""
        return self.cells[position].strip()

    def required(self, column: str) -> str:
        value = self.get(column)
        if not value:
            raise RowError(column, "", "is empty but required")
        return value

    def integer(self, column: str, *, required: bool = False) -> int | None:
        value = self.required(column) if required else self.get(column)
        if not value:
            return None
        try:
            return int(value)
        except ValueError:
            raise RowError(column, value, "is not a whole number") from None

    def decimal(self, column: str) -> Decimal | None:
        value = self.get(column)
        if not value or value.lower() in outcomes.NO_GRADE or value.upper() == "SUPP":
            return None
        try:
            return Decimal(value).quantize(Decimal("0.1"))
        except InvalidOperation:
            raise RowError(column, value, "is not a number") from None

    def date(self, column: str, fmt: str) -> date | None:
        value = self.get(column)
        if not value or value.lower() in outcomes.NO_GRADE:
            return None
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            shown = fmt.replace("%d", "dd").replace("%m", "mm").replace("%Y", "yyyy")
            raise RowError(column, value, f"is not a real date in the form {shown}") from None


def _ragged(number: int, header: list[str], cells: list[str]) -> Problem:
    """A row with more or fewer cells than the header, naming where it parts from it."""
    if len(cells) < len(header):
        column, value = header[len(cells)], ""
        reason = f"has {len(cells)} cells where the header has {len(header)}: it ends early"
    else:
        column, value = f"column {len(header) + 1}", cells[len(header)][:100]
        reason = f"has {len(cells)} cells where the header has {len(header)}: extra cells"
    return Problem(number, column, value, f"{reason} (is the file truncated or mis-saved?)")


def _missing(header: list[str], required: list[str]) -> list[str]:
    present = set(header)
    return [column for column in required if column not in present]


# -------------------------------------------------------------------------------------- GIAS

GIAS_REQUIRED = ["URN", "EstablishmentName", "LA (code)"]
TYPE_GROUPS = {label: code for code, label in TypeGroup.choices}
PHASES = {label.lower(): code for code, label in Phase.choices}
PHASES["middle deemed primary"] = Phase.MIDDLE_DEEMED_PRIMARY
PHASES["middle deemed secondary"] = Phase.MIDDLE_DEEMED_SECONDARY
STATUSES = {label.lower(): code for code, label in Status.choices}
GIAS_FIELDS = [
    "la_code",
    "establishment_number",
    "name",
    "establishment_type",
    "type_group",
    "governance",
    "phase",
    "status",
    "open_date",
    "close_date",
    "statutory_low_age",
    "statutory_high_age",
    "number_of_pupils",
    "percentage_fsm",
    "religious_character",
    "diocese",
    "trust_id",
    "ward_id",
    "street",
    "town",
    "postcode",
    "easting",
    "northing",
    "head_name",
    "website",
    "telephone",
]
NOT_RELIGIOUS = {"", "none", "does not apply", "not applicable"}
NO_DIOCESE = {"", "not applicable", "does not apply"}


def _governance(type_group: str, type_name: str) -> str:
    if type_group in {TypeGroup.ACADEMIES, TypeGroup.FREE_SCHOOLS}:
        return Governance.ACADEMY
    if "academy" in type_name.lower() or "free school" in type_name.lower():
        return Governance.ACADEMY
    return Governance.MAINTAINED


def _website(value: str) -> str:
    if not value:
        return ""
    if not value.lower().startswith(("http://", "https://")):
        value = "https://" + value
    return value[:200]


class _Lookups:
    """Trusts, wards and LAs met in the file, created once each."""

    def __init__(self):
        self.trusts = {trust.code: trust for trust in Trust.objects.all()}
        self.wards = {ward.code: ward for ward in Ward.objects.all()}
        self.las = {la.code: la for la in LocalAuthority.objects.all()}

    def trust_id(self, code: str, name: str) -> int | None:
        if not code:
            return None
        trust = self.trusts.get(code)
        if trust is None:
            trust = self.trusts[code] = Trust.objects.create(code=code, name=name or code)
        elif name and trust.name != name:
            trust.name = name
            trust.save(update_fields=["name"])
        return trust.pk

    def ward_id(self, code: str, name: str) -> int | None:
        if not code:
            return None
        ward = self.wards.get(code)
        if ward is None:
            ward = self.wards[code] = Ward.objects.create(code=code, name=name or code)
        return ward.pk

    def la(self, code: int, name: str) -> None:
        if code not in self.las and name:
            self.las[code] = LocalAuthority.objects.create(code=code, name=name)


def _gias_values(row: Row, lookups: _Lookups) -> dict:
    urn = row.integer("URN", required=True)
    if not 100000 <= urn <= 999999:
        raise RowError("URN", str(urn), "is not a six-digit URN")
    la_code = row.integer("LA (code)", required=True)
    type_name = row.get("TypeOfEstablishment (name)")
    type_group = TYPE_GROUPS[row.get("EstablishmentTypeGroup (name)")]
    phase_text = row.get("PhaseOfEducation (name)")
    phase = PHASES.get(phase_text.lower() or "not applicable")
    if phase is None:
        raise RowError("PhaseOfEducation (name)", phase_text, "is not a GIAS phase of education")
    status_text = row.get("EstablishmentStatus (name)") or "Open"
    status = STATUSES.get(status_text.lower())
    if status is None:
        raise RowError("EstablishmentStatus (name)", status_text, "is not a GIAS status")
    open_date = row.date("OpenDate", "%d-%m-%Y")
    close_date = row.date("CloseDate", "%d-%m-%Y")
    if open_date and close_date and close_date < open_date:
        raise RowError("CloseDate", row.get("CloseDate"), "is before the open date")
    low, high = row.integer("StatutoryLowAge"), row.integer("StatutoryHighAge")
    if low is not None and high is not None and high < low:
        raise RowError("StatutoryHighAge", str(high), "is below the statutory low age")
    fsm = row.decimal("PercentageFSM")
    if fsm is not None and not 0 <= fsm <= 100:
        raise RowError("PercentageFSM", row.get("PercentageFSM"), "is not a percentage")
    religious = row.get("ReligiousCharacter (name)")
    diocese = row.get("Diocese (name)")
    head = " ".join(
        part
        for part in (
            row.get("HeadTitle (name)") if row.get("HeadTitle (name)") != "Not applicable" else "",
            row.get("HeadFirstName"),
            row.get("HeadLastName"),
        )
        if part
    )
    lookups.la(la_code, row.get("LA (name)"))
    return {
        "urn": urn,
        "la_code": la_code,
        "establishment_number": row.integer("EstablishmentNumber") or 0,
        "name": row.required("EstablishmentName")[:200],
        "establishment_type": type_name[:100],
        "type_group": type_group,
        "governance": _governance(type_group, type_name),
        "phase": phase,
        "status": status,
        "open_date": open_date,
        "close_date": close_date,
        "statutory_low_age": low,
        "statutory_high_age": high,
        "number_of_pupils": row.integer("NumberOfPupils"),
        "percentage_fsm": fsm,
        "religious_character": "" if religious.lower() in NOT_RELIGIOUS else religious[:100],
        "diocese": "" if diocese.lower() in NO_DIOCESE else diocese[:100],
        "trust_id": lookups.trust_id(row.get("Trusts (code)"), row.get("Trusts (name)")[:200]),
        "ward_id": lookups.ward_id(
            row.get("AdministrativeWard (code)"), row.get("AdministrativeWard (name)")[:100]
        ),
        "street": row.get("Street")[:200],
        "town": row.get("Town")[:100],
        "postcode": row.get("Postcode")[:10],
        "easting": row.integer("Easting"),
        "northing": row.integer("Northing"),
        "head_name": head[:200],
        "website": _website(row.get("SchoolWebsite")),
        "telephone": row.get("TelephoneNum")[:30],
    }


def import_gias(
    fileobj: BinaryIO,
    *,
    la_codes: list[int] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Upsert schools by URN from a GIAS establishments CSV. Raises ImportFailed on bad input."""
    result = ImportResult(layout="GIAS establishments")
    wanted = set(la_codes or [])
    rows = read_rows(fileobj, progress)
    with transaction.atomic():
        _, header, _ = next(rows)
        missing = _missing(header, GIAS_REQUIRED)
        if missing:
            hint = ""
            if "Inspection start date" in header or "Inspection number" in header:
                hint = (
                    " This looks like an Ofsted management information file: use the Ofsted import."
                )
            raise ImportFailed(
                f"This is not a GIAS establishments file: it has no {', '.join(missing)} "
                f"column.{hint}",
                [Problem(1, column, "", "required column is missing") for column in missing],
            )
        result.layout = f"GIAS establishments ({len(header)} columns)"
        index = {name: position for position, name in enumerate(header)}
        existing = {school.urn: school for school in School.objects.only("pk", "urn", *GIAS_FIELDS)}
        lookups = _Lookups()
        seen: dict[int, int] = {}
        to_create: list[School] = []
        to_update: list[School] = []
        changed_fields: set[str] = set()
        for number, _header, cells in rows:
            result.rows += 1
            if len(cells) != len(header):
                result.reject(_ragged(number, header, cells))
                continue
            row = Row(number, index, cells)
            group = row.get("EstablishmentTypeGroup (name)")
            if group not in TYPE_GROUPS:
                result.skipped[f"not a state-funded school ({group or 'no type group'})"] += 1
                continue
            try:
                la_code = row.integer("LA (code)", required=True)
                if wanted and la_code not in wanted:
                    result.skipped["in another local authority"] += 1
                    continue
                values = _gias_values(row, lookups)
            except RowError as error:
                result.reject(Problem(number, error.column, error.value, error.reason))
                continue
            urn = values.pop("urn")
            if urn in seen:
                result.reject(
                    Problem(number, "URN", str(urn), f"appears twice (first on row {seen[urn]})")
                )
                continue
            seen[urn] = number
            school = existing.get(urn)
            if school is None:
                to_create.append(School(urn=urn, **values))
                result.created += 1
            else:
                differs = [key for key, value in values.items() if getattr(school, key) != value]
                if differs:
                    for key in differs:
                        setattr(school, key, values[key])
                    changed_fields.update(differs)
                    to_update.append(school)
                    result.updated += 1
                else:
                    result.unchanged += 1
            if len(to_create) >= BATCH:
                bulk_create_with_history(to_create, School, batch_size=BATCH)
                to_create = []
        if result.rejected_count:
            transaction.set_rollback(True)
            return result
        if to_create:
            bulk_create_with_history(to_create, School, batch_size=BATCH)
        for start in range(0, len(to_update), BATCH):
            bulk_update_with_history(
                to_update[start : start + BATCH], School, sorted(changed_fields), batch_size=BATCH
            )
        if dry_run:
            transaction.set_rollback(True)
        else:
            result.applied = True
    return result


# ------------------------------------------------------------------------------------ Ofsted

OFSTED_DATE = "%d/%m/%Y"
GRADED_2019 = "2019 framework (latest and previous graded inspections)"
REPORT_CARDS = "report-card framework (from November 2025)"
INSPECTION_FIELDS = [
    "school_id",
    "kind",
    "inspection_type",
    "start_date",
    "end_date",
    "publication_date",
    "overall_effectiveness",
    "category_of_concern",
    *[field for field, _label, _column in outcomes.KEY_JUDGEMENTS],
    "safeguarding_met",
    "area_grades",
    "ungraded_outcome",
]


def _yes_no(row: Row, column: str) -> bool | None:
    value = row.get(column).lower()
    if value in outcomes.NO_GRADE:
        return None
    if value in {"yes", "met"}:
        return True
    if value in {"no", "not met"}:
        return False
    raise RowError(column, row.get(column), "is not Yes/No or Met/Not met")


def _grade(row: Row, column: str) -> int | None:
    try:
        return outcomes.parse_grade(row.get(column))
    except ValueError as error:
        raise RowError(column, row.get(column), str(error)) from None


def _concern(row: Row, column: str) -> str:
    value = row.get(column).upper()
    if value.lower() in outcomes.NO_GRADE:
        return ""
    if value in {"SM", "SWK"}:
        return value
    if value.lower() == "special measures":
        return "SM"
    if value.lower() == "serious weaknesses":
        return "SWK"
    raise RowError(column, row.get(column), "is not SM or SWK")


def _graded_2019(row: Row, prefix: str) -> dict | None:
    """The latest ("") or previous ("Previous ") graded inspection on a 2019-framework row."""
    if prefix:
        columns = {
            "number": "Previous graded inspection number",
            "start": "Previous inspection start date",
            "end": "Previous inspection end date",
            "published": "Previous publication date",
            "overall": "Previous graded inspection overall effectiveness",
            "concern": "Previous category of concern",
            "safeguarding": "Previous safeguarding is effective?",
        }
        judgement = {
            field: "Previous " + column[0].lower() + column[1:]
            for field, _label, column in outcomes.KEY_JUDGEMENTS
        }
        inspection_type = ""
    else:
        columns = {
            "number": "Inspection number of latest graded inspection",
            "start": "Inspection start date",
            "end": "Inspection end date",
            "published": "Publication date",
            "overall": "Overall effectiveness",
            "concern": "Category of concern",
            "safeguarding": "Safeguarding is effective?",
        }
        judgement = {field: column for field, _label, column in outcomes.KEY_JUDGEMENTS}
        inspection_type = row.get("Inspection type")[:100]
    number = row.get(columns["number"])
    start = row.date(columns["start"], OFSTED_DATE)
    if start is None:
        if number and number.lower() not in outcomes.NO_GRADE:
            raise RowError(columns["start"], "", "is empty but the inspection has a number")
        return None
    values = {
        "inspection_number": number if number.lower() not in outcomes.NO_GRADE else None,
        "kind": InspectionKind.GRADED,
        "inspection_type": inspection_type,
        "start_date": start,
        "end_date": row.date(columns["end"], OFSTED_DATE),
        "publication_date": row.date(columns["published"], OFSTED_DATE),
        "overall_effectiveness": _grade(row, columns["overall"]),
        "category_of_concern": _concern(row, columns["concern"]),
        "safeguarding_met": _yes_no(row, columns["safeguarding"]),
        "area_grades": {},
        "ungraded_outcome": "",
    }
    for name, column in judgement.items():
        values[name] = _grade(row, column)
    return values


def _ungraded_2019(row: Row) -> dict | None:
    start = row.date("Date of latest ungraded inspection", OFSTED_DATE)
    if start is None:
        return None
    number = row.get("Latest ungraded inspection number since last graded inspection")
    return {
        "inspection_number": number if number.lower() not in outcomes.NO_GRADE else None,
        "kind": InspectionKind.UNGRADED,
        "inspection_type": "Ungraded inspection",
        "start_date": start,
        "end_date": None,
        "publication_date": row.date("Ungraded inspection publication date", OFSTED_DATE),
        "overall_effectiveness": None,
        "category_of_concern": "",
        "safeguarding_met": None,
        "area_grades": {},
        "ungraded_outcome": row.get("Ungraded inspection overall outcome")[:200],
        **{field: None for field, _label, _column in outcomes.KEY_JUDGEMENTS},
    }


def _report_card(row: Row) -> dict | None:
    start = row.date("Inspection start date", OFSTED_DATE)
    if start is None:
        raise RowError("Inspection start date", "", "is empty but required")
    number = row.get("Inspection number")
    grades = {}
    for code, (_label, column) in outcomes.AREAS.items():
        try:
            grade = outcomes.parse_report_card_grade(row.get(column))
        except ValueError as error:
            raise RowError(column, row.get(column), str(error)) from None
        if grade:
            grades[code] = grade
    return {
        "inspection_number": number if number.lower() not in outcomes.NO_GRADE else None,
        "kind": InspectionKind.REPORT_CARD,
        "inspection_type": row.get("Inspection type")[:100],
        "start_date": start,
        "end_date": None,
        "publication_date": row.date("Publication date", OFSTED_DATE),
        "overall_effectiveness": None,
        "category_of_concern": _concern(row, "Category of concern"),
        "safeguarding_met": _yes_no(row, "Safeguarding standards"),
        "area_grades": grades,
        "ungraded_outcome": "",
        **{field: None for field, _label, _column in outcomes.KEY_JUDGEMENTS},
    }


def _ofsted_layout(header: list[str]) -> str:
    if "URN" not in header:
        if "EstablishmentName" in header:
            raise ImportFailed(
                "This looks like a GIAS establishments file, not Ofsted management "
                "information: use the GIAS import."
            )
        raise ImportFailed(
            "This is not an Ofsted management information file: it has no URN column.",
            [Problem(1, "URN", "", "required column is missing")],
        )
    if "Inspection number of latest graded inspection" in header:
        required = ["Inspection start date", "Overall effectiveness"]
        layout = GRADED_2019
    elif "Safeguarding standards" in header:
        required = ["Inspection number", "Inspection start date"]
        layout = REPORT_CARDS
    elif "EstablishmentName" in header:
        raise ImportFailed(
            "This looks like a GIAS establishments file, not Ofsted management information: "
            "use the GIAS import."
        )
    else:
        raise ImportFailed(
            "This is not an Ofsted management information file this service knows: expected "
            "the 2019-framework columns (Inspection number of latest graded inspection, "
            "Overall effectiveness…) or the report-card columns (Safeguarding standards, "
            "Inclusion…)."
        )
    missing = _missing(header, required)
    if missing:
        raise ImportFailed(
            f"The Ofsted file has no {', '.join(missing)} column.",
            [Problem(1, column, "", "required column is missing") for column in missing],
        )
    return layout


def import_ofsted(
    fileobj: BinaryIO, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Add or update inspections from an Ofsted MI CSV (either layout). Raises ImportFailed."""
    result = ImportResult(noun="inspections")
    rows = read_rows(fileobj, progress)
    with transaction.atomic():
        _, header, _ = next(rows)
        layout = _ofsted_layout(header)
        result.layout = f"Ofsted management information, {layout}"
        index = {name: position for position, name in enumerate(header)}
        schools = dict(School.objects.values_list("urn", "pk"))
        by_number: dict[str, Inspection] = {}
        by_key: dict[tuple, Inspection] = {}
        for inspection in Inspection.objects.only("pk", "inspection_number", *INSPECTION_FIELDS):
            if inspection.inspection_number:
                by_number[inspection.inspection_number] = inspection
            else:
                by_key[(inspection.school_id, inspection.start_date, inspection.kind)] = inspection
        to_create: list[Inspection] = []
        to_update: list[Inspection] = []
        touched: set[int] = set()
        seen: set = set()
        for number, _header, cells in rows:
            result.rows += 1
            if len(cells) != len(header):
                result.reject(_ragged(number, header, cells))
                continue
            row = Row(number, index, cells)
            try:
                urn = row.integer("URN", required=True)
                school_id = schools.get(urn)
                if school_id is None:
                    result.skipped["URN not in the register (import GIAS first)"] += 1
                    continue
                if layout == GRADED_2019:
                    found = [
                        _graded_2019(row, ""),
                        _graded_2019(row, "Previous "),
                        _ungraded_2019(row),
                    ]
                else:
                    found = [_report_card(row)]
            except RowError as error:
                result.reject(Problem(number, error.column, error.value, error.reason))
                continue
            for values in filter(None, found):
                values["school_id"] = school_id
                key = values["inspection_number"] or (
                    school_id,
                    values["start_date"],
                    values["kind"],
                )
                if key in seen:
                    continue  # the same inspection twice in one file (e.g. an ungraded repeat)
                seen.add(key)
                existing = (
                    by_number.get(values["inspection_number"])
                    if values["inspection_number"]
                    else by_key.get(key)
                )
                if existing is None:
                    to_create.append(Inspection(**values))
                    result.created += 1
                    touched.add(school_id)
                    continue
                differs = [
                    name for name in INSPECTION_FIELDS if getattr(existing, name) != values[name]
                ]
                if differs:
                    for name in differs:
                        setattr(existing, name, values[name])
                    to_update.append(existing)
                    touched.update({school_id, existing.school_id})
                    result.updated += 1
                else:
                    result.unchanged += 1
        if result.rejected_count:
            transaction.set_rollback(True)
            return result
        Inspection.objects.bulk_create(to_create, batch_size=BATCH)
        Inspection.objects.bulk_update(to_update, INSPECTION_FIELDS, batch_size=BATCH)
        refresh_outcomes(touched)
        if dry_run:
            transaction.set_rollback(True)
        else:
            result.applied = True
    return result


# --------------------------------------------------------------------------------- the runs


def run_import(
    run: ImportRun,
    fileobj: BinaryIO,
    *,
    dry_run: bool,
    progress: Progress | None = None,
) -> ImportResult | None:
    """Run an import for an ImportRun and record its outcome on it. Never raises ImportFailed."""
    total = _file_size(fileobj)
    ImportRun.objects.filter(pk=run.pk).update(state=ImportRun.State.RUNNING, bytes_total=total)

    def report(done: int, whole: int) -> None:
        ImportRun.objects.filter(pk=run.pk).update(bytes_done=done, bytes_total=whole)
        if progress:
            progress(done, whole)

    result = None
    try:
        if run.kind == ImportRun.Kind.GIAS:
            result = import_gias(fileobj, la_codes=run.la_codes, dry_run=dry_run, progress=report)
        else:
            result = import_ofsted(fileobj, dry_run=dry_run, progress=report)
    except ImportFailed as failure:
        run.state = ImportRun.State.FAILED
        run.error = failure.message
        run.problems = [problem.as_dict() for problem in failure.problems]
    else:
        run.summary = result.summary()
        run.problems = [problem.as_dict() for problem in result.rejected]
        if result.rejected_count:
            run.state = ImportRun.State.FAILED
            run.error = (
                f"{result.rejected_count} row(s) rejected: nothing was changed. Correct the "
                "rows listed and import the file again."
            )
        elif result.applied:
            run.state = ImportRun.State.APPLIED
        else:
            run.state = ImportRun.State.PREVIEW if run.source == "web" else ImportRun.State.CHECKED
    run.finished_at = timezone.now()
    run.bytes_total = total or run.bytes_total
    run.bytes_done = run.bytes_total
    run.save(
        update_fields=[
            "state",
            "error",
            "problems",
            "summary",
            "finished_at",
            "bytes_total",
            "bytes_done",
        ]
    )
    return result
