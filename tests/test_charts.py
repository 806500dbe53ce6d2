"""The SVG chart module shared by the pages and the PDF reports."""

import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from reports import charts

SVG = "{http://www.w3.org/2000/svg}"


def example(values=(62.5, None, 0), labels=("Primary", "Secondary <script>", "A & B")):
    return charts.Chart(
        title="Good or better <by phase>",
        categories=list(labels),
        series=[
            charts.Series("Maintained", list(values)),
            charts.Series("Academies", [10, 20, 30][: len(values)]),
        ],
        unit="%",
        y_max=100,
        category_label="Phase",
    )


@pytest.mark.parametrize("draw", [charts.bar_chart, charts.line_chart, charts.horizontal_bar_chart])
def test_each_chart_is_well_formed_labelled_and_escaped(draw):
    svg = str(draw(example(), id_prefix="c1"))
    root = ET.fromstring(svg)  # well-formed XML, or this raises
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Good or better <by phase>"
    assert "Maintained: Primary 62.5%" in root.find(f"{SVG}desc").text
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "<by phase>" not in svg


def test_output_is_deterministic_with_a_fixed_id():
    assert charts.bar_chart(example(), id_prefix="x") == charts.bar_chart(example(), id_prefix="x")
    assert charts.bar_chart(example()) != charts.bar_chart(example())  # unique ids per call


@pytest.mark.parametrize("draw", [charts.bar_chart, charts.line_chart, charts.horizontal_bar_chart])
def test_all_zero_empty_and_single_values_draw(draw):
    for chart in (
        charts.Chart("Zero", ["A"], [charts.Series("S", [0])]),
        charts.Chart("Empty", [], [charts.Series("S", [])]),
        charts.Chart("None", ["A", "B"], [charts.Series("S", [None, None])]),
    ):
        ET.fromstring(str(draw(chart)))


def test_missing_values_say_no_data():
    svg = str(charts.bar_chart(example()))
    assert "no data" in svg


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (62.0, "%", "62%"),
        (62.46, "%", "62.5%"),
        (12045, "", "12,045"),
        (None, "%", "no data"),
        (3, "days", "3 days"),
    ],
)
def test_format_value(value, unit, text):
    assert charts.format_value(value, unit) == text


def test_the_table_beside_the_chart_holds_the_same_numbers():
    chart = example()
    assert chart.table_headers() == ["Phase", "Maintained", "Academies"]
    assert chart.table_rows()[0] == ["Primary", "62.5%", "10%"]
    html = render_to_string("includes/chart.html", {"chart": chart, "svg": charts.bar_chart(chart)})
    assert "<caption" in html and "62.5%" in html and "&lt;script&gt;" in html
