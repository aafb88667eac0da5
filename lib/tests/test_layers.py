"""Layers only point down (STYLE.md; the README's "Layout of the code").

Every non-test module of the repository is read with `ast` and each of its imports is mapped to
the app it names: imports at module level, inside functions and methods, and relative ones.

- **Non-test module**: a `.py` file in a top-level package of the repository, outside `tests/`
  and `migrations/` folders (a migration's dependencies are data, not layering), not
  `test_*.py` or `conftest.py`. Test support (`testing/`, or `testing/` once it moves) is
  its own app, `testing`, on top: it builds data through every domain app.
- **Type-only imports** (inside `if TYPE_CHECKING:`) do not count: they never run, so they
  cannot make an import cycle, and they only name the type of an object a caller hands in
  (`accounts.permissions` annotates `group: Group`). Everything that runs counts, wherever it
  stands in the module.
- **The project** (`samverkan/`: root URLs, WSGI) is the top layer: its URLs import every app.
  Its `settings` module is configuration, not a layer: it imports no app, and a module that
  imports it (`bench/settings.py` extends it) is not importing upwards.

Asserted: every app has a layer; no cycle between apps; no cycle between modules; and the
imports from a lower layer to a higher one are exactly `ALLOWED_UPWARD`, at most three, each
with its reason. Imports within one layer are allowed (the cycle checks still see them).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Bottom first. An app may import its own layer and the layers below it.
LAYERS: list[tuple[str, ...]] = [
    ("lib", "search"),  # shared helpers; the search index (its table, text, matching, refresh)
    ("accounts",),  # users, sign-in, and every permission decision
    ("audit",),  # the trail of sign-ins and staff writes, written from every app's services
    ("structure",),
    ("meetings",),
    ("cases",),
    (  # the apps built on the core
        "publicsite",
        "news",
        "followup",
        "workgroups",
        "reviews",
        "onboarding",
        "annualcycle",
        "preparation",
        "desk",
        "searchpage",
        "backups",
    ),
    # the open interfaces, the speed measurement and the e-archive delivery
    ("api", "oparl", "opendata", "bench", "archive"),
    ("demo", "testing", "e2e"),  # demo data, test support and browser journeys: nothing below
    ("samverkan",),  # the project: root URLs and WSGI
]
SETTINGS_MODULE = "samverkan.settings"
TEST_SUPPORT = ("testing", "testing")

# (importing module, imported module) -> why it is allowed. At most three.
ALLOWED_UPWARD: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module (the deepest one of ours the statement names)
    line: int
    type_only: bool


# --- Reading ----------------------------------------------------------------------------------


def read_modules(root: Path = ROOT) -> dict[str, tuple[str, bool]]:
    """Module name -> (source text, is a package's `__init__`), for every non-test module."""
    modules = {}
    for package in sorted(p.parent for p in root.glob("*/__init__.py")):
        for path in sorted(package.rglob("*.py")):
            parts = path.relative_to(root).parts
            if {"tests", "migrations"} & set(parts[:-1]) or _is_test_file(path.name):
                continue
            is_package = path.name == "__init__.py"
            name = ".".join(parts[:-1] if is_package else (*parts[:-1], path.stem))
            modules[name] = (path.read_text(encoding="utf-8"), is_package)
    return modules


def _is_test_file(name: str) -> bool:
    return name.startswith("test_") or name == "conftest.py"


def _type_only_nodes(tree: ast.AST) -> set[int]:
    """Ids of the nodes inside the body (not the `else`) of an `if TYPE_CHECKING:`."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            for statement in node.body:
                found.update(id(n) for n in ast.walk(statement))
    return found


def imports_of(name: str, source: str, is_package: bool, known: set[str]) -> list[Import]:
    """The imports of one module that name one of `known`, wherever they stand in it."""
    tree = ast.parse(source)
    type_only = _type_only_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, is_package, node.level, node.module)
            targets = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.append(Import(name, target, node.lineno, id(node) in type_only))
    return found


def _absolute(name: str, is_package: bool, level: int, module: str | None) -> str:
    if not level:
        return module or ""
    package = name.split(".") if is_package else name.split(".")[:-1]
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, *([module] if module else [])])


def all_imports(modules: dict[str, tuple[str, bool]]) -> list[Import]:
    known = set(modules)
    return [
        found
        for name, (source, is_package) in modules.items()
        for found in imports_of(name, source, is_package, known)
    ]


def runtime_imports(imports: list[Import]) -> list[Import]:
    """What counts: imports that run, and not of the settings module (configuration)."""
    return [i for i in imports if not i.type_only and i.target != SETTINGS_MODULE]


# --- Apps, layers, cycles -----------------------------------------------------------------------


def app_of(module: str) -> str:
    if any(module == p or module.startswith(p + ".") for p in TEST_SUPPORT):
        return "testing"
    return module.partition(".")[0]


def layer_of(layers: list[tuple[str, ...]]) -> dict[str, int]:
    return {app: level for level, apps in enumerate(layers) for app in apps}


def upward(imports: list[Import], layers: list[tuple[str, ...]]) -> dict[tuple[str, str], int]:
    """(module, module) -> line, for each import from a lower layer to a higher one."""
    level = layer_of(layers)
    return {
        (i.source, i.target): i.line
        for i in imports
        if level[app_of(i.target)] > level[app_of(i.source)]
    }


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the directed graph as [a, b, …, a], or None (iterative depth-first)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in sorted(edges):
        if start in state:
            continue
        path, stack = [start], [iter(sorted(edges.get(start, ())))]
        state[start] = 1
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(following) == 1:
                return path[path.index(following) :] + [following]
            elif following not in state:
                state[following] = 1
                path.append(following)
                stack.append(iter(sorted(edges.get(following, ()))))
    return None


def module_graph(imports: list[Import]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for i in imports:
        edges.setdefault(i.source, set()).add(i.target)
    return edges


def app_graph(imports: list[Import]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for i in imports:
        if app_of(i.source) != app_of(i.target):
            edges.setdefault(app_of(i.source), set()).add(app_of(i.target))
    return edges


def describe_app_cycle(cycle: list[str], imports: list[Import]) -> str:
    """The cycle, with one import that makes each of its steps."""
    steps = []
    for here, there in zip(cycle, cycle[1:], strict=False):
        example = next(i for i in imports if app_of(i.source) == here and app_of(i.target) == there)
        steps.append(f"{here} -> {there} ({example.source}:{example.line} {example.target})")
    return "; ".join(steps)


# --- The repository -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return runtime_imports(all_imports(read_modules()))


def test_every_app_has_a_layer():
    apps = {app_of(name) for name in read_modules()}
    missing = apps - set(layer_of(LAYERS))
    assert not missing, f"put these apps in a layer (here and in the README): {sorted(missing)}"


def test_no_app_imports_another_that_imports_it_back(imports):
    cycle = find_cycle(app_graph(imports))
    assert cycle is None, "cycle between apps: " + describe_app_cycle(cycle, imports)


def test_no_module_imports_one_that_imports_it_back(imports):
    cycle = find_cycle(module_graph(imports))
    assert cycle is None, "cycle between modules: " + " -> ".join(cycle)


def test_the_upward_imports_are_exactly_the_allowed_ones(imports):
    assert len(ALLOWED_UPWARD) <= 3
    found = upward(imports, LAYERS)
    assert set(found) == set(ALLOWED_UPWARD), {
        "not allowed": {
            f"{a} -> {b}": f"line {found[a, b]}" for a, b in found.keys() - set(ALLOWED_UPWARD)
        },
        "allowed but gone (remove it)": sorted(set(ALLOWED_UPWARD) - found.keys()),
    }


def test_the_scan_sees_the_imports_that_cross_the_core(imports):
    """The twin of the checks above: the scan reads real imports of every kind, so an empty
    result means a clean tree, not a blind scan."""
    pairs = {(i.source, i.target) for i in imports}
    assert ("meetings.selectors", "search.query") in pairs  # module level, `from x import y`
    assert ("structure.models", "accounts.permissions") in pairs  # inside a method
    typed = {(i.source, i.target) for i in all_imports(read_modules()) if i.type_only}
    assert ("accounts.permissions", "structure.models") in typed  # seen, and not counted
    assert ("accounts.permissions", "structure.models") not in pairs


# --- The checks can fail: a synthetic repository ----------------------------------------------

LOW = """
from typing import TYPE_CHECKING

from low import helpers

if TYPE_CHECKING:
    from high.models import Thing  # type-only: never runs
"""

HIGH = """
from low.core import use
from . import views
"""


def _synthetic(**sources: str) -> list[Import]:
    modules = {name.replace("__", "."): (text, False) for name, text in sources.items()}
    modules.update({"low": ("", True), "high": ("", True)})
    return runtime_imports(all_imports(modules))


SYNTHETIC_LAYERS = [("low",), ("high",), ("samverkan",)]


def test_a_clean_synthetic_graph_passes_every_check():
    imports = _synthetic(
        low__core=LOW, low__helpers="", high__models="", high__app=HIGH, high__views=""
    )
    assert find_cycle(app_graph(imports)) is None
    assert find_cycle(module_graph(imports)) is None
    assert upward(imports, SYNTHETIC_LAYERS) == {}
    assert ("high.app", "high.views") in {(i.source, i.target) for i in imports}  # relative


def test_an_import_up_inside_a_function_is_found_and_makes_an_app_cycle():
    low = LOW + "\n\ndef later():\n    from high import models\n"
    imports = _synthetic(
        low__core=low, low__helpers="", high__models="", high__app=HIGH, high__views=""
    )
    assert upward(imports, SYNTHETIC_LAYERS) == {("low.core", "high.models"): 11}
    cycle = find_cycle(app_graph(imports))
    assert cycle in (["low", "high", "low"], ["high", "low", "high"])
    assert "low.core:11 high.models" in describe_app_cycle(cycle, imports)


def test_a_cycle_between_two_modules_of_one_app_is_found():
    imports = _synthetic(
        low__core=LOW,
        low__helpers="def f():\n    import low.core\n",
        high__models="",
        high__app=HIGH,
        high__views="",
    )
    assert find_cycle(app_graph(imports)) is None
    assert find_cycle(module_graph(imports)) == ["low.core", "low.helpers", "low.core"]


def test_settings_are_configuration_and_test_support_is_on_top():
    imports = _synthetic(
        low__core="from samverkan.settings import DEBUG\nfrom samverkan import urls\n",
        samverkan__settings="",
        samverkan__urls="",
        high__models="",
    )
    assert upward(imports, SYNTHETIC_LAYERS) == {("low.core", "samverkan.urls"): 2}
    assert app_of("testing.builders") == app_of("testing.builders") == "testing"
    assert app_of("lib.dates") == "lib"
