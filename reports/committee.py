"""The committee report: the officer's text and the chosen data sections, numbered 1.0, 1.1 …

The same code draws the draft (with a DRAFT watermark and the exempt appendix at the back, for
officers), the published report and, as a separate document, its exempt appendix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from partnership.terms import long_date

from . import charts
from .models import EXEMPT_PARAGRAPHS, IMPLICATIONS, CommitteeReport
from .sections import DataSection, Period, Table, all_blocks
from .wording import and_list, paragraphs

# The blocks whose detail (naming schools) can go into the exempt appendix.
DETAIL_BLOCKS = ("schools_causing_concern",)


@dataclass
class Figure:
    """A chart (drawn as SVG, its figures always in a table below it)."""

    chart: charts.Chart
    svg: str


@dataclass
class Part:
    """One numbered part of the report: 3.0 Title, then 3.1, 3.2 … and its figures and tables."""

    number: int
    title: str
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (3.1, text)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    basis: str = ""
    bullets: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.paragraphs.append((f"{self.number}.{len(self.paragraphs) + 1}", text))


def exempt_wording(paragraph: str) -> str:
    description = dict(EXEMPT_PARAGRAPHS)[paragraph].split(": ", 1)[1]
    return (
        f"Not for publication by virtue of paragraph {paragraph} of Part 1 of Schedule 12A to the "
        f"Local Government Act 1972 ({description})."
    )


def header_rows(report: CommitteeReport, *, appendix: bool = False) -> list[tuple[str, str]]:
    wards = "All" if report.all_wards else ", ".join(w.name for w in report.wards.all()) or "All"
    if report.exempt or appendix:
        status = "Exempt. " + exempt_wording(report.exempt_paragraph)
    elif report_has_exempt_appendix(report):
        status = "Public, with an exempt appendix (Appendix A). " + exempt_wording(
            report.exempt_paragraph
        ).replace("Not for publication", "Appendix A is not for publication")
    else:
        status = "Public"
    return [
        ("Report to", report.report_to),
        ("Date of meeting", long_date(report.meeting_date)),
        ("Reporting officer", report.reporting_officer),
        ("Portfolio", report.portfolio),
        ("Subject", report.subject + (": Appendix A" if appendix else "")),
        ("Wards", wards),
        ("Key decision", "Yes" if report.key_decision else "No"),
        ("Public or exempt", status),
    ]


def report_has_exempt_appendix(report: CommitteeReport) -> bool:
    """A separate exempt appendix: a public report whose chosen detail is kept exempt."""
    if report.exempt:
        return False
    return any(key in report.sections and key in report.exempt_sections for key in DETAIL_BLOCKS)


def build(report: CommitteeReport, *, progress=None) -> dict:
    """Everything the templates need: numbered parts for the body and the appendix."""
    progress = progress or (lambda percent, stage: None)
    period = Period(report.period_from, report.period_to)
    blocks = all_blocks()
    chosen = [key for key in blocks if key in report.sections]
    sections: list[DataSection] = []
    for index, key in enumerate(chosen):
        progress(5 + round(55 * index / max(1, len(chosen))), f"Gathering: {blocks[key].title}")
        sections.append(blocks[key].build(period))
    progress(60, "Laying out the report")

    parts: list[Part] = []

    def new_part(title: str) -> Part:
        part = Part(len(parts) + 1, title)
        parts.append(part)
        return part

    purpose = new_part("Purpose of the report")
    for paragraph in paragraphs(report.purpose):
        purpose.add(paragraph)
    recommendations = new_part("Recommendations")
    for recommendation in report.recommendation_list:
        recommendations.add(recommendation)
    if report.supporting_information.strip():
        supporting = new_part("Supporting information")
        for paragraph in paragraphs(report.supporting_information):
            supporting.add(paragraph)

    separate_appendix = report_has_exempt_appendix(report)
    appendix_parts: list[tuple[str, DataSection]] = []
    for section in sections:
        part = new_part(section.title)
        if section.empty:
            part.add(section.empty)
            continue
        for paragraph in section.paragraphs:
            part.add(paragraph)
        part.figures = [
            Figure(chart, _draw(chart, f"s{part.number}c{i}"))
            for i, chart in enumerate(section.charts)
        ]
        part.tables = list(section.tables)
        part.basis = section.basis
        detail = section.appendix
        if detail is None:
            continue
        if separate_appendix and section.key in report.exempt_sections:
            letter_number = f"A{len(appendix_parts) + 1}"
            appendix_parts.append((letter_number, detail))
            part.add(
                f"The schools behind these figures are listed in Appendix A ({letter_number}), "
                "which is exempt information and is not published."
            )
        else:
            if detail.empty:
                part.add(detail.empty)
            for paragraph in detail.paragraphs:
                part.add(paragraph)
            part.tables.extend(detail.tables)

    for field_name, title in IMPLICATIONS:
        part = new_part(title)
        text = getattr(report, field_name)
        for paragraph in paragraphs(text) or ["None identified."]:
            part.add(paragraph)
    papers = new_part("Background papers")
    if report.background_paper_list:
        part_text = "The following papers were used in preparing this report:"
        papers.add(part_text)
        papers.bullets = report.background_paper_list
    else:
        papers.add("There are no background papers under the meaning of the Act.")

    appendices = []
    if separate_appendix:
        appendices.append("Appendix A: schools causing concern (exempt)")
    appendices.extend(report.other_appendix_list)
    return {
        "report": report,
        "header": header_rows(report),
        "appendix_header": header_rows(report, appendix=True),
        "parts": parts,
        "appendix_parts": appendix_parts,
        "appendices": appendices,
        "separate_appendix": separate_appendix,
        "exempt_wording": exempt_wording(report.exempt_paragraph),
        "period": period,
        "period_text": f"{long_date(period.starts_on)} to {long_date(period.ends_on)}",
        "generated": timezone.localtime(),
    }


def check_publishable(report: CommitteeReport, today=None) -> None:
    """Refuse to publish what a committee would send back."""
    from .jobs import ReportRefused

    today = today or timezone.localdate()
    if not report.recommendation_list:
        raise ReportRefused(
            "Add at least one recommendation before you publish.", "recommendations"
        )
    if report.meeting_date < today:
        raise ReportRefused(
            f"The meeting date, {long_date(report.meeting_date)}, has passed: change it to the "
            "date of the meeting the report goes to.",
            "meeting_date",
        )
    missing = [title for name, title in IMPLICATIONS if not getattr(report, name).strip()]
    if missing:
        raise ReportRefused(
            f"Write the {and_list(missing).lower()} before you publish (write “None” if there are "
            "none).",
            IMPLICATIONS[0][0]
            if len(missing) > 1
            else [n for n, t in IMPLICATIONS if t == missing[0]][0],
        )


def _draw(chart: charts.Chart, prefix: str) -> str:
    if len(chart.series) == 1 and len(chart.categories) > 6:
        return charts.horizontal_bar_chart(chart, width=600, id_prefix=prefix)
    return charts.bar_chart(chart, width=600, height=260, id_prefix=prefix)
