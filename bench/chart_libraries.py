"""Benchmark: server-side SVG charts for the plan's performance measures (issue 17).

Draws one typical chart (16 quarters, one quarter without a figure, a dashed target line) with
each candidate library that is importable, and prints for each: the bytes of one chart, the
median milliseconds to draw 50 (of 5 warm runs), what the output says for accessibility as the
library gives it (role, <title>, <desc>, aria-labelledby, text as <text>, scripts, fixed ids
that would clash between 40 charts on one page), and whether WeasyPrint renders two such charts
inline in an HTML page to a PDF whose text holds the axis labels. The PDFs and a PNG of each
page (pdftoppm) are left in bench/out/charts/ to be looked at.

    .venv/bin/python bench/chart_libraries.py            # or name some: pygal ours
    .venv/bin/pip install pygal matplotlib vl-convert-python   # the candidates, to measure them

Only the library chosen (see docs/architecture.md, "Charts") is a project dependency; the last
row, `ours`, is performance.charts itself, post-processing included.
"""

from __future__ import annotations

import html
import io
import math
import re
import shutil
import statistics
import subprocess  # nosec B404
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from defusedxml import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

OUT = Path(__file__).resolve().parent / "out" / "charts"
RUNS, CHARTS = 5, 50
TITLE = "Victim satisfaction: whole experience"
DESC = "Percentage of victims satisfied, by quarter, against the target of 85%."
LABELS = [f"{2014 + q // 4}/{(15 + q // 4) % 100:02d} Q{q % 4 + 1}" for q in range(16)]
FIGURES = "82.1 83.4 84.0 83.2 85.5 86.1 - 84.7 85.9 86.4 87.0 86.2 85.1 84.8 86.6 87.3"
VALUES = [None if v == "-" else Decimal(v) for v in FIGURES.split(" ")]
TARGET = Decimal(85)
SVG = "{http://www.w3.org/2000/svg}"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")
INSTALL = {
    "pygal": "pip install pygal",
    "matplotlib": "pip install matplotlib",
    "vl_convert": "pip install vl-convert-python",
}


def draw_pygal(chart_id: str) -> str:
    import pygal
    from pygal.style import Style

    chart = pygal.Line(
        title=TITLE,
        allow_interruptions=True,  # None breaks the line
        js=[],  # no <script> tags
        disable_xml_declaration=True,
        width=640,
        height=360,
        x_label_rotation=45,
        show_legend=True,
        style=Style(font_family="sans-serif", colors=("#1d70b8", "#0b0c0c")),
    )
    chart.x_labels = LABELS
    chart.add("Satisfied (%)", [None if v is None else float(v) for v in VALUES])
    chart.add("Target", [float(TARGET)] * len(LABELS), stroke_style={"dasharray": "6,4"})
    return str(chart.render(is_unicode=True))


def draw_matplotlib(chart_id: str) -> str:
    import matplotlib

    matplotlib.use("svg")
    from matplotlib import pyplot as plt

    with plt.rc_context({"svg.fonttype": "none", "font.family": "sans-serif"}):
        fig, ax = plt.subplots(figsize=(6.4, 3.6), dpi=100)
        ys = [math.nan if v is None else float(v) for v in VALUES]  # NaN breaks the line
        ax.plot(LABELS, ys, marker="o", color="#1d70b8", label="Satisfied (%)")
        ax.axhline(float(TARGET), linestyle="--", color="#0b0c0c", label="Target")
        ax.annotate("Target", (len(LABELS) - 1, float(TARGET)), textcoords="offset points",
                    xytext=(0, 4), ha="right")  # fmt: skip
        ax.set_title(TITLE)
        ax.tick_params(axis="x", labelrotation=45)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Title": TITLE, "Description": DESC})
        plt.close(fig)
    return buffer.getvalue()


def draw_vl_convert(chart_id: str) -> str:
    import vl_convert

    rows = [
        {"quarter": q, "value": None if v is None else float(v)}
        for q, v in zip(LABELS, VALUES, strict=True)
    ]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": TITLE,
        "description": DESC,
        "width": 560,
        "height": 280,
        "config": {"font": "sans-serif"},
        "data": {"values": rows},
        "layer": [
            {
                "mark": {"type": "line", "point": True, "invalid": "break-paths-show-domains"},
                "encoding": {
                    "x": {"field": "quarter", "type": "ordinal", "sort": None, "title": None},
                    "y": {
                        "field": "value",
                        "type": "quantitative",
                        "title": "%",
                        "scale": {"zero": False},
                    },
                },
            },
            {"mark": {"type": "rule", "strokeDash": [6, 4]}, "encoding": {"y": {"datum": 85}}},
            {
                "mark": {"type": "text", "align": "right", "dy": -6, "x": "width"},
                "encoding": {"y": {"datum": 85}, "text": {"value": "Target"}},
            },
        ],
    }
    return str(vl_convert.vegalite_to_svg(spec))


def draw_ours(chart_id: str) -> str:
    from performance.charts import Series, trend_svg

    series = Series(TITLE, DESC, "%", LABELS, VALUES, reference=TARGET)
    return str(trend_svg(series, chart_id=chart_id))


COLUMNS = (
    "role",
    "title",
    "desc",
    "labelledby",
    "titles",
    "descs",
    "texts",
    "script",
    "fixed ids",
    "prolog",
)
CANDIDATES: dict[str, tuple[str, Callable[[str], str]]] = {
    "pygal": ("pygal", draw_pygal),
    "matplotlib": ("matplotlib", draw_matplotlib),
    "vl-convert": ("vl_convert", draw_vl_convert),
    "ours": ("performance.charts", draw_ours),
}


def version(module: str) -> str:
    from importlib.metadata import version as dist_version

    if module == "performance.charts":
        return f"(pygal {dist_version('pygal')})"
    return dist_version({"vl_convert": "vl-convert-python"}.get(module, module))


def median_ms(draw: Callable[[str], str]) -> float:
    draw("warm")
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        for n in range(CHARTS):
            draw(f"m-{n}")
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def accessibility(svg: str) -> dict[str, str]:
    """The root's own role, title, desc and labelling, as a screen reader meets them."""
    root = ElementTree.fromstring(inline(svg))
    children = [child.tag.removeprefix(SVG) for child in root]
    ids = [el.get("id", "") for el in root.iter() if el.get("id")]
    return {
        "role": root.get("role", "-"),
        "title": "yes" if "title" in children else "no",
        "desc": "yes" if "desc" in children else "no",
        "labelledby": "yes" if root.get("aria-labelledby") else "no",
        "titles": str(sum(1 for _ in root.iter(SVG + "title"))),
        "descs": str(sum(1 for _ in root.iter(SVG + "desc"))),
        "texts": str(sum(1 for _ in root.iter(SVG + "text"))),
        "script": "yes" if _has_script(root, svg) else "no",
        "fixed ids": str(sum(1 for i in ids if "m-1" not in i and not UUID.search(i))),
        "prolog": "yes" if re.search(r"<\?xml|<!DOCTYPE", svg) else "no",
    }


def _has_script(root: ElementTree.Element, svg: str) -> bool:
    return root.find(f".//{SVG}script") is not None or bool(re.search(r"\bon[a-z]+=", svg))


def inline(svg: str) -> str:
    """What any library's file needs to sit inside HTML: no XML declaration, no DOCTYPE."""
    return re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>", "", svg).strip()


def weasyprint(name: str, draw: Callable[[str], str]) -> str:
    from weasyprint import HTML

    OUT.mkdir(parents=True, exist_ok=True)
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><style>"
        "@page{size:A4;margin:2cm} body{font-family:'DejaVu Sans',sans-serif}"
        "figure{margin:0 0 1cm} svg{width:100%;height:auto}</style></head><body>"
        f"<h1>{html.escape(name)}</h1><figure>{inline(draw('m-1'))}</figure>"
        f"<figure>{inline(draw('m-2'))}</figure></body></html>"
    )
    pdf = OUT / f"{name}.pdf"
    began = time.perf_counter()
    HTML(string=page).write_pdf(pdf)
    ms = (time.perf_counter() - began) * 1000
    pdftotext, pdftoppm = shutil.which("pdftotext"), shutil.which("pdftoppm")
    if not pdftotext or not pdftoppm:
        return f"{ms:.0f} ms; poppler-utils missing, text not checked"
    text = subprocess.run(  # noqa: S603  # nosec B603
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    subprocess.run(  # noqa: S603  # nosec B603
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(OUT / name)],
        check=True,
    )
    words = set(text.split())  # a quarter's label may be on two lines: each word must be there
    found = [
        w for w in ("2014/15 Q1", "2017/18 Q4", "Target") if words >= set(w.split()) or w in text
    ]
    found += [TITLE] if TITLE in text else []
    return f"{ms:.0f} ms, text found: {len(found)}/4 ({', '.join(found) or 'none'})"


def main() -> None:
    print(f"one chart: 16 quarters, one missing, a target; {CHARTS} charts, median of {RUNS}")
    columns = " ".join(COLUMNS)
    print(f"{'library':<24} {'bytes':>7} {'50 ms':>8} {columns}")
    notes, names = [], sys.argv[1:]
    for name, (module, draw) in CANDIDATES.items():
        if names and name not in names:
            continue
        try:
            svg = draw("m-1")
        except ImportError:
            print(f"{name:<24} not installed: {INSTALL.get(module, 'pip install ' + module)}")
            continue
        label = f"{name} {version(module)}"
        checks = accessibility(svg)
        row = f"{label:<24} {len(svg.encode()):>7} {median_ms(draw):>8.1f} "
        print(row + " ".join(f"{checks[c]:>{len(c)}}" for c in COLUMNS))
        notes.append(f"  {name}: WeasyPrint {weasyprint(name, draw)}")
    print("WeasyPrint, an A4 page with two charts inline:")
    print("\n".join(notes))
    print(f"PDFs and PNGs in {OUT}")


if __name__ == "__main__":
    main()
