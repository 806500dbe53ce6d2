"""The SVG chart module shared by the pages and the PDF reports."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from reports import charts

SVG = "{http://www.w3.org/2000/svg}"
DRAWERS = [charts.bar_chart, charts.horizontal_bar_chart, charts.line_chart]


def example(values=(62.5, None, 0), labels=("Primary", "Secondary <script>", "A & B")):
    return charts.Chart(
        title="Good or better <by phase> & type",
        categories=list(labels),
        series=[
            charts.Series("Maintained", list(values)),
            charts.Series("Academies & <free>", [10, 20, 30][: len(values)]),
        ],
        unit="%",
        y_max=100,
        category_label="Phase",
    )


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))  # well-formed XML, or this raises


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def numbers(svg) -> list[str]:
    """Every number in an attribute value."""
    values = re.findall(r'="([^"]*)"', str(svg))
    return [n for value in values for n in re.findall(r"-?\d+(?:\.\d+)?", value)]


@pytest.mark.parametrize("draw", DRAWERS)
def test_each_chart_is_well_formed_and_labelled_for_assistive_technology(draw):
    root = parse(draw(example(), id_prefix="c1"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title.get("id") == "c1-title" and desc.get("id") == "c1-desc"
    assert title.text == "Good or better <by phase> & type"
    assert desc.text.endswith(".")
    assert "Maintained: Primary 62.5%, Secondary <script> no data, A & B 0%" in desc.text
    assert "Academies & <free>: Primary 10%" in desc.text
    # No script, stylesheet or outside reference: the same picture in a browser and WeasyPrint.
    assert not root.findall(f".//{SVG}script") and not root.findall(f".//{SVG}style")
    for element in root.iter():
        assert not any(name.startswith("on") or "href" in name for name in element.attrib)
        if element.tag == f"{SVG}text":
            assert element.get("font-family") == "Arial, Helvetica, sans-serif"
            assert element.get("fill") == "#0b0c0c"


@pytest.mark.parametrize("draw", DRAWERS)
def test_labels_from_user_data_are_escaped(draw):
    svg = str(draw(example(), id_prefix="c1"))
    assert "<script>" not in svg and "<free>" not in svg and "<by phase>" not in svg
    assert "&lt;script&gt;" in svg
    assert "A &amp; B" in svg
    assert re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;|#39;)", svg) is None  # no bare ampersand
    assert any("<script>" in text for text in texts(parse(svg)))


@pytest.mark.parametrize("draw", DRAWERS)
def test_characters_xml_cannot_hold_are_dropped(draw):
    chart = charts.Chart(
        "Bad\x00 title\x0b", ["Line\nbreak\x1f", "Tab\there"], [charts.Series("S\x08", [1, 2])]
    )
    root = parse(draw(chart))
    assert root.find(f"{SVG}title").text == "Bad title"


@pytest.mark.parametrize("draw", DRAWERS)
def test_ids_are_unique_per_call_and_output_is_otherwise_deterministic(draw):
    assert draw(example(), id_prefix="x") == draw(example(), id_prefix="x")
    first, second = str(draw(example())), str(draw(example()))
    first_id, second_id = (
        parse(first).find(f"{SVG}title").get("id"),
        parse(second).find(f"{SVG}title").get("id"),
    )
    assert first_id != second_id
    assert first.replace(first_id.removesuffix("-title"), "ID") == second.replace(
        second_id.removesuffix("-title"), "ID"
    )


@pytest.mark.parametrize("draw", DRAWERS)
def test_coordinates_have_at_most_one_decimal_place(draw):
    chart = charts.Chart("Thirds", ["A", "B", "C"], [charts.Series("S", [1 / 3, 2 / 3, 7 / 9])])
    assert all(len(n.split(".")[1]) == 1 for n in numbers(draw(chart)) if "." in n)


@pytest.mark.parametrize("draw", DRAWERS)
def test_awkward_charts_still_draw(draw):
    for chart in (
        charts.Chart("Zero", ["A"], [charts.Series("S", [0])]),
        charts.Chart(
            "All zero", ["A", "B"], [charts.Series("S", [0, 0]), charts.Series("T", [0, 0])]
        ),
        charts.Chart("Zero percent", ["A"], [charts.Series("S", [0])], unit="%"),
        charts.Chart("Empty", [], [charts.Series("S", [])]),
        charts.Chart("No series", ["A", "B"], []),
        charts.Chart("All missing", ["A", "B"], [charts.Series("S", [None, None])]),
        charts.Chart("Short series", ["A", "B", "C"], [charts.Series("S", [4])]),
        charts.Chart("Negative", ["A", "B"], [charts.Series("S", [-3, 2])]),
        charts.Chart("Over the top", ["A"], [charts.Series("S", [150])], unit="%", y_max=100),
        charts.Chart("Tiny", ["A"], [charts.Series("S", [0.04])]),
        charts.Chart("Huge", ["A"], [charts.Series("S", [12_345_678])]),
        charts.Chart("Not a number", ["A"], [charts.Series("S", [float("nan")])]),
        charts.Chart(
            "Many", [f"Ward {i}" for i in range(40)], [charts.Series("S", list(range(40)))]
        ),
        charts.Chart("Six series", ["A"], [charts.Series(str(i), [i]) for i in range(6)]),
    ):
        svg = str(draw(chart))
        parse(svg)
        assert "nan" not in svg.lower() and "inf" not in svg.lower(), chart.title


def test_a_single_category_draws_one_bar():
    root = parse(charts.bar_chart(charts.Chart("One", ["Only"], [charts.Series("S", [7])])))
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("fill") == "#00594f"]
    assert len(bars) == 1
    assert "Only" in texts(root) and "7" in texts(root)


@pytest.mark.parametrize("draw", DRAWERS)
def test_missing_values_draw_nothing_and_say_no_data(draw):
    chart = charts.Chart("Gaps", ["A", "B", "C"], [charts.Series("S", [None, 5, None])])
    root = parse(draw(chart))
    assert texts(root).count("no data") == 2
    assert "5" in texts(root)


def test_a_missing_value_breaks_the_line():
    chart = charts.Chart(
        "Trend", ["1", "2", "3", "4", "5"], [charts.Series("S", [1, 2, None, 4, 5])]
    )
    root = parse(charts.line_chart(chart))
    lines = root.findall(f"{SVG}polyline")
    assert [len(line.get("points").split()) for line in lines] == [2, 2]
    assert len(root.findall(f"{SVG}circle")) == 4  # a marker on every point there is


def test_the_value_axis_has_four_to_six_gridlines_from_zero():
    def ticks(chart):
        root = parse(charts.bar_chart(chart))
        labels = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
        return labels

    percent = charts.Chart("P", ["A"], [charts.Series("S", [62.5])], unit="%", y_max=100)
    assert ticks(percent) == ["0%", "20%", "40%", "60%", "80%", "100%"]
    assert ticks(charts.Chart("N", ["A"], [charts.Series("S", [7])])) == ["0", "2", "4", "6", "8"]
    assert ticks(charts.Chart("N", ["A"], [charts.Series("S", [12_045])])) == [
        "0",
        "2,500",
        "5,000",
        "7,500",
        "10,000",
        "12,500",
    ]
    # y_max that is not round still tops the axis, without a crowded tick just below it.
    assert ticks(charts.Chart("N", ["A"], [charts.Series("S", [12])], y_max=41)) == [
        "0",
        "10",
        "20",
        "30",
        "41",
    ]
    # Whole numbers (counts) get whole-number ticks.
    assert ticks(charts.Chart("N", ["A"], [charts.Series("S", [1])])) == ["0", "1", "2", "3"]
    for largest in (0.3, 1, 3, 9.5, 11, 51, 99, 101, 777, 10_001):
        labels = ticks(charts.Chart("N", ["A"], [charts.Series("S", [largest])]))
        assert 4 <= len(labels) <= 6, (largest, labels)
        assert labels[0] == "0"


def test_y_max_scales_the_bars():
    def bar_height(y_max):
        chart = charts.Chart("T", ["A"], [charts.Series("S", [50])], y_max=y_max)
        root = parse(charts.bar_chart(chart))
        return next(
            float(r.get("height")) for r in root.iter(f"{SVG}rect") if r.get("fill") == "#00594f"
        )

    assert bar_height(100) == pytest.approx(bar_height(50) / 2, abs=0.2)
    # A value above y_max stops at the top of the axis but keeps its true label.
    chart = charts.Chart("T", ["A"], [charts.Series("S", [150])], unit="%", y_max=100)
    root = parse(charts.bar_chart(chart))
    assert "150%" in texts(root)


def test_series_differ_by_more_than_colour():
    chart = charts.Chart(
        "Three", ["A", "B"], [charts.Series(name, [1, 2]) for name in ("One", "Two", "Three")]
    )
    bars = str(charts.bar_chart(chart, id_prefix="b"))
    assert bars.count("<pattern ") == 2  # the first series is solid, the others patterned
    assert 'fill="url(#b-pattern1)"' in bars and 'fill="url(#b-pattern2)"' in bars
    lines = parse(charts.line_chart(chart))
    polylines = lines.findall(f"{SVG}polyline")
    assert len({line.get("stroke-dasharray") for line in polylines}) == 3
    assert lines.findall(f"{SVG}circle") and lines.findall(f"{SVG}rect[@width='9.9']")
    assert lines.findall(f"{SVG}polygon")  # triangles


@pytest.mark.parametrize("draw", [charts.bar_chart, charts.line_chart])
def test_a_legend_only_for_more_than_one_series(draw):
    one = charts.Chart("One", ["A"], [charts.Series("Only series", [1])])
    two = charts.Chart("Two", ["A"], [charts.Series("First", [1]), charts.Series("Second", [2])])
    assert "Only series" not in texts(parse(draw(one)))
    assert {"First", "Second"} <= set(texts(parse(draw(two))))


def test_horizontal_bars_take_a_colour_per_category_and_grow_with_rows():
    few = charts.Chart("Risk", ["High", "Low"], [charts.Series("Schools", [3, 9])])
    many = charts.Chart("Risk", list("ABCDEFGH"), [charts.Series("Schools", list(range(8)))])
    svg = charts.horizontal_bar_chart(few, colours=["#ca3535", "#0f7a52"])
    root = parse(svg)
    fills = [rect.get("fill") for rect in root.iter(f"{SVG}rect")]
    assert "#ca3535" in fills and "#0f7a52" in fills
    assert int(parse(charts.horizontal_bar_chart(many)).get("height")) > int(root.get("height"))


def test_a_light_bar_colour_gets_a_dark_outline():
    chart = charts.Chart("Risk", ["Amber"], [charts.Series("Schools", [3])])
    root = parse(charts.horizontal_bar_chart(chart, colours=["#f47738"]))
    bar = next(rect for rect in root.iter(f"{SVG}rect") if rect.get("fill") == "#f47738")
    assert bar.get("stroke") == "#0b0c0c"


def test_long_labels_are_wrapped_or_shortened_never_rotated():
    long = "Pupil referral units and alternative provision academies in the borough"
    chart = charts.Chart("Long", [long, "B", "C", "D"], [charts.Series("S", [1, 2, 3, 4])])
    svg = str(charts.bar_chart(chart))
    root = parse(svg)
    assert "rotate" not in svg
    shown = texts(root)
    first = shown.index("Pupil referral units and")
    assert shown[first + 1].startswith("alternative") and shown[first + 1].endswith("…")
    assert shown[first + 2] in ("2", "B")  # two lines at most


def test_the_palette_starts_with_the_brand_green_and_contrasts_with_white():
    assert charts.PALETTE[:2] == ("#00594f", "#1d70b8")
    for colour in charts.PALETTE:
        assert charts.contrast_with_white(colour) >= 3, colour
    assert charts.contrast_with_white("#0b0c0c") > 18
    assert charts.contrast_with_white("#b1b4b6") < 3
    assert charts.contrast_with_white("not a colour") is None


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (62, "%", "62%"),
        (62.0, "%", "62%"),
        (62.46, "%", "62.5%"),
        (0.25, "%", "0.3%"),  # halves round up, not to even
        (12045, "", "12,045"),
        (1234567.89, "", "1,234,567.9"),
        (0, "", "0"),
        (-0.04, "", "0"),
        (-3.25, "", "-3.3"),
        (None, "%", "no data"),
        (None, "", "no data"),
        (float("nan"), "", "no data"),
        (3, "days", "3 days"),
    ],
)
def test_format_value(value, unit, text):
    assert charts.format_value(value, unit) == text


def test_the_table_holds_the_same_numbers_as_the_chart():
    chart = example()
    assert chart.table_headers() == ["Phase", "Maintained", "Academies & <free>"]
    assert chart.table_rows() == [
        ["Primary", "62.5%", "10%"],
        ["Secondary <script>", "no data", "20%"],
        ["A & B", "0%", "30%"],
    ]
    default = charts.Chart("T", ["A"], [charts.Series("S", [1])])
    assert default.table_headers() == ["Category", "S"]


def test_the_include_renders_the_chart_and_a_visible_table_beside_it():
    chart = example()
    html = render_to_string(
        "includes/chart.html", {"chart": chart, "svg": charts.bar_chart(chart, id_prefix="t")}
    )
    assert (
        '<figure class="app-chart">' in html and '<svg xmlns="http://www.w3.org/2000/svg"' in html
    )
    assert "<details" not in html  # the figures are always on show
    assert '<table class="govuk-table' in html
    caption = re.search(
        r'<caption class="govuk-table__caption govuk-table__caption--s">(.*?)</caption>', html
    )
    assert caption.group(1) == "Good or better &lt;by phase&gt; &amp; type"
    assert '<th scope="col" class="govuk-table__header">Phase</th>' in html
    assert html.count("govuk-table__header--numeric") == 2
    assert html.count('<td class="govuk-table__cell govuk-table__cell--numeric">') == 6
    assert "62.5%" in html and "no data" in html
    assert "<script>" not in html and "Secondary &lt;script&gt;" in html
    assert "Academies &amp; &lt;free&gt;" in html
    # The table comes after the figure.
    assert html.index("</figure>") < html.index("<table")
