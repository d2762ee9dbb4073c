"""The house's stairs run one way.

`lint-imports` (run by `make test`, configured in pyproject.toml) checks the floors: each layer
imports only those below it, and the ground (panel/) no domain app. These tests check what a
layered contract does not: no circle between any two modules, even inside one app, and no import
hidden inside a function (where it would dodge a circle instead of removing it).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (
    "config",
    "publishing",
    "search",
    "workprogramme",
    "decisions",
    "complaints",
    "statutory",
    "meetings",
    "documents",
    "panel",
)
# Imports that must run inside a function, and why.
INSIDE_A_FUNCTION = {
    ("manage.py", "django.core.management"): "Django's own manage.py: settings come first",
    ("publishing/apps.py", "."): "AppConfig.ready: the apps' models are loaded only then",
}


def _product(module: str) -> bool:
    return ".tests" not in module and ".migrations" not in module


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in edges[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_it_has_no_import_circle_between_modules():
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)
    modules = {m for m in graph.modules if _product(m)}
    edges = {m: set(graph.find_modules_directly_imported_by(m)) & modules for m in modules}
    assert sum(map(len, edges.values())) > 300, "the graph is empty: is grimp reading the code?"
    assert _circles(edges) == []


def _function_imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import):
                    found += [(inner.lineno, alias.name) for alias in inner.names]
                elif isinstance(inner, ast.ImportFrom):
                    found.append((inner.lineno, "." * inner.level + (inner.module or "")))
    return found


def test_it_hides_no_import_inside_a_function():
    hidden = []
    for package in [*PACKAGES, "manage.py"]:
        paths = [ROOT / package] if package.endswith(".py") else (ROOT / package).rglob("*.py")
        for path in paths:
            name = str(path.relative_to(ROOT))
            if not _product(name.replace("/", ".")):
                continue
            for line, module in _function_imports(path):
                if (name, module) not in INSIDE_A_FUNCTION:
                    hidden.append(f"{name}:{line} imports {module}")
    assert hidden == []


# The tenancy guard's bypasses, each where it must be and nowhere else (zulip keeps the same
# kind of rule in a semgrep file; an AST walk is enough here).
TENANCY_BYPASSES = {
    ("panel/tenancy.py", "_base_manager"): "a panel's counter row is locked by its panel",
    ("panel/tenancy.py", "scopes_disabled"): "re-exported for the three places below",
    ("panel/middleware.py", "scopes_disabled"): "the panel is found from the URL, before a scope",
    ("panel/admin.py", "scopes_disabled"): "the admin is for platform superusers, across panels",
    ("panel/tokens.py", "scopes_disabled"): "an API key names its own panel: found before a scope",
    ("search/management/commands/search_reindex.py", "scopes_disabled"): "an operator's command",
    ("meetings/packs/jobs.py", "_base_manager"): "a pack job runs from a task with only its id",
    ("meetings/packs/prerender.py", "_base_manager"): (
        "a pre-render runs from a task with only the meeting's id, to find its panel"
    ),
    ("panel/prepared.py", "_base_manager"): (
        "runs SQL compiled from a queryset whose scope (for_panel) is in it; raw() has none"
    ),
    ("publishing/history.py", ".history"): "the change history, filtered by the reader's panel",
    ("complaints/services.py", ".history"): "the retention policy clears a closed case's history",
    ("panel/changes.py", ".history"): "modified_since: history rows joined to a scoped list's rows",
}
VIEW_MODULES = ("views.py", "api.py", "manage_views.py", "feeds.py")


def _names_scopes_disabled(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id == "scopes_disabled"
    return isinstance(node, ast.ImportFrom) and any(a.name == "scopes_disabled" for a in node.names)


def _bypasses(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute) and node.attr in ("_base_manager", "history"):
            found.append((node.lineno, "_base_manager" if node.attr != "history" else ".history"))
        elif _names_scopes_disabled(node):
            found.append((node.lineno, "scopes_disabled"))
        elif (
            path.name in VIEW_MODULES
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "for_panel"
        ):
            found.append((node.lineno, "for_panel( in a view"))
    return found


def test_it_goes_round_the_tenancy_guard_only_where_it_says_why():
    found = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            name = str(path.relative_to(ROOT))
            if not _product(name.replace("/", ".")):
                continue
            for line, what in _bypasses(path):
                if (name, what) not in TENANCY_BYPASSES:
                    found.append(f"{name}:{line} {what}")
    assert found == [], (
        "Scope a query with Model.objects.for_panel(panel) inside a service, a query or an access "
        "rule (views ask those), lock a row with panel.tenancy.own_row, and say why in "
        "TENANCY_BYPASSES if a bypass is truly needed:\n" + "\n".join(found)
    )
