import io
import re
from decimal import Decimal

import pytest
from defusedxml import ElementTree
from pypdf import PdfReader
from weasyprint import HTML

from performance.charts import MoneySeries, Series, money_svg, trend_svg

SVG = "{http://www.w3.org/2000/svg}"
LABELS = [f"{2014 + q // 4}/{(15 + q // 4) % 100:02d} Q{q % 4 + 1}" for q in range(8)]
FIGURES = [Decimal(v) for v in ("82.1", "83.4", "84.0", "83.2", "85.5", "86.1", "84.7")]


def series(**changes):
    values = [*FIGURES[:3], None, *FIGURES[3:]]
    fields = dict(
        title="Victim satisfaction: whole experience",
        description="Victims satisfied, by quarter, against the target of 85%.",
        unit="%",
        labels=LABELS,
        values=values,
        reference=Decimal(85),
    )
    return Series(**{**fields, **changes})


def money():
    return MoneySeries(
        title="Revenue budget",
        description="Budget, forecast outturn and spend to date by quarter.",
        labels=LABELS[:4],
        groups={
            "Budget": [Decimal(12_400_000)] * 4,
            "Forecast outturn": [Decimal(12_100_000), None, Decimal(12_500_000), None],
            "Spend to date": [Decimal(3_000_000), Decimal(6_100_000), None, None],
        },
    )


def parse(svg):
    return ElementTree.fromstring(str(svg))


def markers_x(root):
    return sorted(float(c.get("cx")) for c in root.iter(SVG + "circle"))


def label_x(root, text):
    for node in root.iter(SVG + "text"):
        if text in "".join(node.itertext()).split():
            return float(node.get("x"))
    raise AssertionError(f"no label {text}")


def test_it_is_an_image_named_by_its_title_and_described_by_its_desc():
    root = parse(trend_svg(series(), chart_id="m-12"))

    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "m-12-title m-12-desc"
    assert root[0].tag == SVG + "title" and root[0].get("id") == "m-12-title"
    assert root[0].text == "Victim satisfaction: whole experience"
    assert root[1].tag == SVG + "desc" and root[1].get("id") == "m-12-desc"
    assert root[1].text.startswith("Victims satisfied")
    assert root.get("viewBox") == "0 0 640 360" and root.get("width") == "100%"


def test_it_gives_each_chart_ids_of_its_own():
    first, second = trend_svg(series(), chart_id="m-1"), money_svg(money(), chart_id="m-2")
    ids = re.findall(r'\bid="([^"]+)"', first) + re.findall(r'\bid="([^"]+)"', second)

    assert len(ids) == len(set(ids))
    assert all(i.startswith(("m-1", "chart-m-1", "m-2", "chart-m-2")) for i in ids)


def test_it_draws_a_missing_quarter_as_a_gap_not_a_zero():
    root = parse(trend_svg(series(), chart_id="m-1"))
    markers = markers_x(root)
    missing = label_x(root, "Q4")  # 2014/15 Q4 has no figure

    assert len(markers) == 7
    assert all(abs(x - missing) > 1 for x in markers)
    lines = [p for p in root.iter(SVG + "path") if "line reactive" in p.get("class", "")]
    measure = [p for p in lines if "serie-0" in _series_of(root, p)]
    assert len(measure) == 2  # the line breaks at the gap: two segments
    assert "0%" not in [t.text for t in root.iter(SVG + "text")]


def test_it_draws_a_quarter_alone_between_gaps_as_a_point():
    values = [Decimal(1), None, Decimal(2), None, Decimal(3), None, None, None]
    root = parse(trend_svg(series(values=values, unit="", reference=None), chart_id="m-1"))

    assert len(markers_x(root)) == 3


def test_it_draws_money_with_gaps_and_a_legend():
    svg = money_svg(money(), chart_id="f-1")
    root = parse(svg)
    texts = " ".join("".join(t.itertext()) for t in root.iter(SVG + "text"))

    assert root.get("role") == "img" and root.get("aria-labelledby") == "f-1-title f-1-desc"
    assert len(markers_x(root)) == 4 + 2 + 2
    assert "Forecast outturn" in texts and "Spend to date" in texts
    assert "£0" in texts and "£12.0m" in texts  # money starts at £0
    assert 'stroke-dasharray="10,4"' in svg or "stroke-dasharray:10,4" in svg


def test_it_escapes_the_callers_text():
    hostile = 'Crime & <script>alert("x")</script> "quoted"'
    svg = trend_svg(series(title=hostile, description=hostile), chart_id="m-1")
    root = parse(svg)  # still well-formed

    assert "<script" not in svg
    assert root[0].text == hostile and root[1].text == hostile
    assert "&amp;" in svg and "&lt;script&gt;" in svg


def test_it_refuses_a_chart_id_that_is_not_a_plain_name():
    with pytest.raises(ValueError):
        trend_svg(series(), chart_id='m-1" onload="x')


def test_it_carries_no_script_and_no_prolog():
    for svg in (trend_svg(series(), chart_id="m-1"), money_svg(money(), chart_id="m-2")):
        assert svg.startswith("<svg ") and svg.endswith("</svg>")
        assert "<script" not in svg and " on" not in re.sub(r">[^<]*<", "><", svg)


def test_it_draws_the_reference_as_a_dashed_labelled_line():
    svg = trend_svg(series(reference_label="Baseline"), chart_id="m-1")
    root = parse(svg)
    texts = ["".join(t.itertext()) for t in root.iter(SVG + "text")]

    assert "Baseline: 85%" in texts
    assert 'stroke-dasharray="6,4"' in svg  # an attribute: the CSP refuses style


def test_it_labels_the_reference_over_two_quarters():
    root = parse(trend_svg(series(labels=LABELS[:2], values=FIGURES[:2]), chart_id="m-1"))

    assert "Target: 85%" in ["".join(t.itertext()) for t in root.iter(SVG + "text")]


def test_it_draws_no_reference_line_without_a_reference():
    root = parse(trend_svg(series(reference=None), chart_id="m-1"))

    assert not any("Target" in "".join(t.itertext()) for t in root.iter(SVG + "text"))


def test_weasyprint_renders_two_charts_inline_with_their_text():
    second = series(title="Days to answer a complaint", unit="days", reference_label="Baseline")
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<style>body{font-family:'DejaVu Sans',sans-serif}</style></head><body>"
        f"{trend_svg(series(), chart_id='m-1')}{trend_svg(second, chart_id='m-2')}</body></html>"
    )
    pdf = HTML(string=page).write_pdf()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    assert "Victim satisfaction: whole experience" in text
    assert "Days to answer a complaint" in text
    assert "2014/15" in text and "2015/16" in text and "Q3" in text
    assert "Target: 85%" in text and "Baseline: 85 days" in text
    assert "84%" in text


def _series_of(root, node):
    for group in root.iter(SVG + "g"):
        if node in list(group):
            return group.get("class", "")
    return ""
