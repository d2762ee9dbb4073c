"""Charts of the plan's performance measures, drawn on the server as inline SVG.

pygal draws them (bench/chart_libraries.py measured it against matplotlib and Vega-Lite; see
docs/architecture.md, "Charts"), with no JavaScript; one XML filter, pygal's own hook, then
makes each chart an accessible image: role="img" named by its <title> and described by its
<desc>, ids unique per chart, no script, no tooltips' titles, quarters' labels on two lines
that print and copy as text, and the reference line's label beside it. A quarter without a
figure is a gap: no point, no segment, never a zero.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import cssselect2
import pygal
import tinycss2
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

WIDTH, HEIGHT = 640, 360
INK = "#0b0c0c"  # GOV.UK text: 19.8:1 on white
GUIDE = "#b1b4b6"  # GOV.UK border: only the gridlines, which carry no meaning of their own
# GOV.UK blue, purple and green: 5.2, 10.9 and 6.3 to 1 on white (WCAG asks 3 for graphics);
# each series has its own dash too, so none is told apart by colour alone.
COLOURS = ("#1d70b8", "#4c2c92", "#00703c")
DASHES = ("", "10,4", "2,3")
REFERENCE_DASH = "6,4"
# GOV.UK Frontend's own stack, so the page's charts read in the page's font; WeasyPrint's SVG does
# not inherit the HTML's font, and fontconfig gives the pack's DejaVu Sans for arial.
FONT = '"GDS Transport", arial, sans-serif'
CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}\Z")

Values = list[Decimal | None]
# A chart is a pure function of its series and id, so it is kept (in Redis, in production) under
# the hash of both: a page of 40 charts draws only those whose figures changed. Bump DRAWING when
# this module draws differently.
DRAWING = f"2-pygal-{pygal.__version__}"
KEPT_SECONDS = 60 * 60 * 24 * 30


@dataclass(frozen=True)
class Series:
    title: str
    description: str
    unit: str  # "%", "£", "days" or "" (a count)
    labels: list[str]  # one per quarter, "2014/15 Q1"
    values: Values  # None: no figure for that quarter, drawn as a gap
    reference: Decimal | None = None  # the target or baseline, a dashed labelled line
    reference_label: str = "Target"


@dataclass(frozen=True)
class MoneySeries:
    title: str
    description: str
    labels: list[str]
    groups: dict[str, Values]  # "Budget", "Forecast outturn", "Spend to date": one line each


def trend_svg(series: Series, *, chart_id: str) -> SafeString:
    return _kept("trend", series, chart_id, _trend)


def money_svg(series: MoneySeries, *, chart_id: str) -> SafeString:
    return _kept("money", series, chart_id, _money)


def _kept(kind: str, series: Any, chart_id: str, draw: Callable[[Any, str], str]) -> SafeString:
    key = hashlib.sha256(repr((DRAWING, kind, chart_id, series)).encode()).hexdigest()
    svg = cache.get(f"chart:{key}")
    if svg is None:
        svg = str(draw(series, chart_id))
        cache.set(f"chart:{key}", svg, KEPT_SECONDS)
    return SafeString(svg)  # nosec B703  # drawn by this module, escaped by the serialiser


def _trend(series: Series, chart_id: str) -> SafeString:
    unit_format = _unit_formatter(series.unit)
    chart = _chart(series.title, series.labels, unit_format, (COLOURS[0], INK), legend=False)
    chart.add(series.title, _floats(series.values))
    label = None
    if series.reference is not None:
        label = f"{series.reference_label}: {unit_format(float(series.reference))}"
        line = [float(series.reference)] * len(series.labels)
        chart.add(label, line, show_dots=False, stroke_style={"dasharray": REFERENCE_DASH})
    return _render(chart, chart_id, series.description, reference_label=label)


def _money(series: MoneySeries, chart_id: str) -> SafeString:
    count = len(series.groups)
    colours = tuple(COLOURS[n % len(COLOURS)] for n in range(count))
    chart = _chart(series.title, series.labels, _pounds, colours, legend=True)
    for n, (name, values) in enumerate(series.groups.items()):
        chart.add(name, _floats(values), stroke_style={"dasharray": DASHES[n % len(DASHES)]})
    return _render(chart, chart_id, series.description, reference_label=None)


def _chart(
    title: str,
    labels: Sequence[str],
    formatter: Callable[[float], str],
    colours: tuple[str, ...],
    *,
    legend: bool,
) -> Any:
    chart = pygal.Line(
        title=title,
        width=WIDTH,
        height=HEIGHT,
        explicit_size=False,  # a viewBox only: the chart takes its column's width
        allow_interruptions=True,  # None breaks the line
        include_x_axis=legend,  # money starts at £0; a rate's trend may not
        show_legend=legend,
        js=[],
        disable_xml_declaration=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        truncate_legend=-1,
        truncate_label=-1,
        show_y_guides=True,
        value_formatter=formatter,
        dots_size=4,
        margin_bottom=20,  # room for the second line of the quarters
        style=_style(colours),
    )
    chart.x_labels = list(labels)
    return chart


def _style(colours: tuple[str, ...]) -> Style:
    return Style(
        font_family=FONT,
        background="transparent",
        plot_background="transparent",
        foreground=INK,
        foreground_strong=INK,
        foreground_subtle=GUIDE,
        guide_stroke_color=GUIDE,
        major_guide_stroke_color=GUIDE,
        guide_stroke_dasharray="none",
        major_guide_stroke_dasharray="none",
        opacity="1",
        stroke_opacity="1",
        stroke_opacity_hover="1",
        stroke_width="2.5",
        stroke_width_hover="2.5",
        transition="none",
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=14,
        title_font_size=16,
        value_label_font_size=13,
        colors=colours,
    )


def _render(
    chart: Any, chart_id: str, description: str, *, reference_label: str | None
) -> SafeString:
    if not CHART_ID.match(chart_id):
        raise ValueError(f"a chart id is a letter then letters, digits, - or _: {chart_id!r}")
    chart.uuid = chart_id  # pygal scopes its stylesheet to #chart-<uuid>
    title = chart.config.title
    chart.add_xml_filter(
        lambda root: _accessible(root, chart_id, title, description, reference_label)
    )
    # The SVG is built as a tree and serialised by lxml, which escapes every text and attribute.
    return mark_safe(chart.render(is_unicode=True))  # noqa: S308  # nosec B308 B703


def _accessible(
    root: Any, chart_id: str, chart_title: str, description: str, reference_label: str | None
) -> Any:
    parents = _parents(root)  # pygal builds with lxml or ElementTree: keep to what both offer
    for node in [n for n in root.iter() if n.tag in ("script", "desc", "title")]:
        parents[node].remove(node)
    for comment in [node for node in root if not isinstance(node.tag, str)]:
        root.remove(comment)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.set("width", "100%")
    title = root.makeelement("title", {"id": f"{chart_id}-title"})
    title.text = chart_title
    desc = root.makeelement("desc", {"id": f"{chart_id}-desc"})
    desc.text = description
    root.insert(0, desc)
    root.insert(0, title)
    for node in root.iter():
        if node.get("id", "").startswith("activate-serie-"):
            del node.attrib["id"]
    _quarters_on_two_lines(root)
    _legend_as_lines(root)
    if reference_label is not None:
        _label_reference(root, reference_label)
    _styles_as_attributes(root)
    return root


# SVG presentation attributes: what the chart's stylesheet sets, written on each element instead.
PRESENTATION = frozenset(
    [
        "fill",
        "fill-opacity",
        "stroke",
        "stroke-width",
        "stroke-opacity",
        "stroke-dasharray",
        "stroke-linecap",
        "stroke-linejoin",
        "font-family",
        "font-size",
        "font-weight",
        "text-anchor",
        "opacity",
        "display",
    ]
)


def _styles_as_attributes(root: Any) -> None:
    """pygal styles its chart with a <style> element and a few style attributes. The site's
    Content-Security-Policy (style-src 'self') rightly refuses both in a page, which would draw
    the chart black; so each element gets what the stylesheet gives it as presentation
    attributes (which no policy governs, WeasyPrint reads, and print keeps), the cascade worked
    out as a browser would (cssselect2: specificity, then order), and the stylesheet goes. An
    attribute already on an element (this module's own) is kept. Hover rules and the tooltips
    (the script that used them is gone) are dropped."""
    parents = _parents(root)
    for tooltips in [g for g in root.iter("g") if "tooltip-overlay" in g.get("class", "")]:
        parents[tooltips].remove(tooltips)
    matcher = cssselect2.Matcher()
    for sheet in [n for n in root.iter("style")]:
        for rule in tinycss2.parse_stylesheet(sheet.text or "", skip_whitespace=True):
            if rule.type != "qualified-rule":
                continue
            declared = _declarations(rule.content)
            try:
                selectors = cssselect2.compile_selector_list(rule.prelude)
            except cssselect2.SelectorError:
                continue  # :hover and the like: nothing to print
            for selector in selectors:
                if selector.pseudo_element is None and declared:
                    matcher.add_selector(selector, declared)
        parents[sheet].remove(sheet)
    for defs in [d for d in root.iter("defs") if not len(d)]:
        parents[defs].remove(defs)
    for wrapper in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
        node = wrapper.etree_element
        inline = _declarations(tinycss2.parse_declaration_list(node.attrib.pop("style", "")))
        cascaded: dict[str, str] = {}
        for _specificity, _order, _pseudo, declared in matcher.match(wrapper) or ():
            cascaded |= declared
        for name, value in (cascaded | inline).items():
            if node.get(name) is None:
                node.set(name, value)


def _declarations(tokens: Any) -> dict[str, str]:
    found = {}
    for item in tinycss2.parse_blocks_contents(tokens) if not isinstance(tokens, str) else ():
        if item.type == "declaration" and item.lower_name in PRESENTATION:
            value = tinycss2.serialize(item.value).strip()
            found[item.lower_name] = "none" if value == "transparent" else value
    return found


def _quarters_on_two_lines(root: Any) -> None:
    """A quarter "2014/15 Q1" is written "Q1" over "2014/15", the year only where it changes."""
    previous = None
    axis = next((g for g in root.iter("g") if g.get("class", "").startswith("axis x")), None)
    for text in axis.iter("text") if axis is not None else ():
        head, _, tail = (text.text or "").rpartition(" ")
        if not head:
            continue
        text.text = None
        line = text.makeelement("tspan", {"x": text.get("x")})
        line.text = tail
        text.append(line)
        if head != previous:
            year = text.makeelement("tspan", {"x": text.get("x"), "dy": "1.2em"})
            year.text = head
            text.append(year)
        previous = head


def _legend_as_lines(root: Any) -> None:
    """Each legend key is a stroke of its series' own dash, not a square of colour alone; the
    legend moves down below the quarters' second line."""
    legend = next((g for g in root.iter("g") if g.get("class") == "legends" and len(g)), None)
    if legend is None:
        return
    x, y = re.findall(r"[\d.]+", legend.get("transform"))
    legend.set("transform", f"translate({x}, {float(y) + 14:.0f})")
    root.set("viewBox", f"0 0 {WIDTH} {HEIGHT + 14}")
    parents = _parents(legend)
    for n, key in enumerate(list(legend.iter("rect"))):
        left, top = float(key.get("x")), float(key.get("y")) + 6
        stroke = {"d": f"M{left:.1f} {top:.1f} h24", "stroke": COLOURS[n % len(COLOURS)]}
        stroke |= {"stroke-width": "3", "stroke-dasharray": DASHES[n % len(DASHES)] or "none"}
        group = parents[key]
        group.insert(list(group).index(key), key.makeelement("path", stroke))
        group.remove(key)
    for text in legend.iter("text"):
        text.set("x", f"{float(text.get('x')) + 16:.1f}")


def _label_reference(root: Any, text: str) -> None:
    """The reference line's own label at its right end: it is told by its words, not colour."""
    series = root.find(".//g[@class='plot']//g[@class='series serie-1 color-1']")
    path = series.find("path") if series is not None else None
    if path is None:
        return
    x, y = map(float, re.findall(r"-?[\d.]+", path.get("d"))[-2:])  # "M x y L x y x y"
    label = path.makeelement("text", {"x": f"{x:.1f}", "y": f"{y - 6:.1f}", "class": "reference"})
    label.set("text-anchor", "end")
    label.text = text
    series.append(label)


def _parents(root: Any) -> dict[Any, Any]:
    return {child: parent for parent in root.iter() for child in parent}


def _floats(values: Values) -> list[float | None]:
    return [None if value is None else float(value) for value in values]


def _unit_formatter(unit: str) -> Callable[[float], str]:
    if unit == "%":
        return lambda v: f"{v:g}%"
    if unit == "£":
        return _pounds
    if unit:
        return lambda v: f"{v:,g} {unit}"
    return lambda v: f"{v:,g}"


def _pounds(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"£{value / 1_000_000:,.1f}m"
    if abs(value) >= 10_000:
        return f"£{value / 1_000:,.0f}k"
    return f"£{value:,.0f}"
