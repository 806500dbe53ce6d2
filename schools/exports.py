"""CSV and XLSX exports of the school list, with only the columns the viewer may see."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\x00")


def safe_cell(value) -> str | int | float:
    """A cell that a spreadsheet will show as text, never run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return value
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(DANGEROUS_FIRST):
        return "'" + text
    return text


def columns(viewer) -> list[tuple[str, callable]]:
    cols = [
        ("URN", lambda s: s.urn),
        ("LAESTAB", lambda s: s.laestab),
        ("Name", lambda s: s.name),
        ("Type", lambda s: s.establishment_type),
        ("Type group", lambda s: s.get_type_group_display()),
        ("Maintained or academy", lambda s: s.get_governance_display()),
        ("Phase", lambda s: s.get_phase_display()),
        ("Status", lambda s: s.get_status_display()),
        ("Open date", lambda s: s.open_date),
        ("Close date", lambda s: s.close_date),
        ("Pupils", lambda s: s.number_of_pupils),
        ("% FSM", lambda s: float(s.percentage_fsm) if s.percentage_fsm is not None else None),
        ("Trust", lambda s: s.trust.name if s.trust else ""),
        ("Ward", lambda s: s.ward.name if s.ward else ""),
        ("Postcode", lambda s: s.postcode),
        ("Headteacher", lambda s: s.head_name),
        ("Current Ofsted outcome", lambda s: s.get_outcome_display()),
        (
            "Good or better",
            lambda s: "" if s.good_or_better is None else ("Yes" if s.good_or_better else "No"),
        ),
        ("Stuck", lambda s: s.stuck),
        ("Last graded inspection", lambda s: s.last_inspected),
    ]
    if viewer.has_perm("schools.view_risk"):
        cols += [
            ("Risk category", lambda s: s.risk_category.name if s.risk_category else ""),
            ("Risk review due", lambda s: s.risk_review_due),
        ]
    return cols


def _rows(schools: Iterable, cols) -> Iterator[list]:
    yield [title for title, _ in cols]
    for school in schools:
        yield [safe_cell(getter(school)) for _, getter in cols]


def filename(extension: str) -> str:
    return f"schools-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Echo:
    def write(self, value):
        return value


def csv_response(schools, viewer) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    cols = columns(viewer)
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in _rows(schools.iterator(chunk_size=2000), cols)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename("csv")}"'
    return response


def xlsx_response(schools, viewer) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Schools")
    for row in _rows(schools.iterator(chunk_size=2000), columns(viewer)):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename("xlsx")}"'
    return response
