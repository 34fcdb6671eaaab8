"""The layout a newcomer reads: no import cycles, no module over about 600 lines, no module
reaching into another's private names, no string-keyed `user_data`, and the README's
stage list and module table matching the code."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from strife.pipeline import STAGES

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "strife"
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    """Dotted name ('strife.places', 'strife.api.routes.articles') -> file."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _top_level_imports(module: str, path: Path) -> list[tuple[str, list[str]]]:
    """(imported module, names) for the imports a module runs when it is loaded: the module
    body, not functions (a deferred import inside a function cannot form a load cycle)."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            target = _resolve(module, path, node)
            names = [a.name for a in node.names]
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            found += [(s, []) for s in submodules]
            found.append((target, [n for n in names if f"{target}.{n}" not in MODULES]))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names]
    return [(t, names) for t, names in found if t in MODULES]


def test_no_import_cycle():
    graph = {m: {t for t, _ in _top_level_imports(m, p) if t != m} for m, p in MODULES.items()}
    # A package importing its own submodules is not a cycle of the submodule's making.
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if nxt.startswith(node + "."):
                continue
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_cycle_check_finds_a_cycle(tmp_path, monkeypatch):
    # The check above must be able to fail: two modules importing each other are reported.
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("from .b import x\n")
    b.write_text("from .a import y\n")
    monkeypatch.setitem(MODULES, "strife.a", a)
    monkeypatch.setitem(MODULES, "strife.b", b)
    try:
        test_no_import_cycle()
    except AssertionError as exc:
        assert "strife.a -> strife.b -> strife.a" in str(exc) or "strife.b -> strife.a -> strife.b" in str(exc)
    else:
        raise AssertionError("the cycle between strife.a and strife.b was not found")


def test_no_module_is_over_600_lines():
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these modules (over {MAX_LINES} lines): {long}"


def test_no_module_imports_another_modules_private_names():
    private = [(m, t, n) for m, p in MODULES.items() for t, names in _top_level_imports(m, p)
               for n in names if n.startswith("_") and not n.startswith("__") and t != m]
    for m, p in MODULES.items():   # deferred imports too
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.col_offset > 0:
                target = _resolve(m, p, node)
                private += [(m, target, a.name) for a in node.names
                            if a.name.startswith("_") and not a.name.startswith("__") and target != m]
    assert not private, f"private names imported across modules: {sorted(set(private))}"


def test_no_string_keyed_user_data():
    users = [m for m, p in MODULES.items() for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
             if isinstance(node, ast.Attribute) and node.attr == "user_data"]
    assert not users, f"intermediate results go in typed state or Doc._ extensions, not user_data: {users}"


def _readme_section(title: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def test_readme_lists_the_stages_in_the_runners_order():
    section = _readme_section("How it works")
    listed = re.findall(r"^\d+\. \*\*(\w+)\*\*", section, flags=re.M)
    assert listed == [s.name for s in STAGES]


def test_readme_module_table_matches_the_code():
    section = _readme_section("How it works")
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    named = set(re.findall(r"`([\w/]+\.py|[\w]+/)`", table))
    top = {p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    packages = {f"{p.name}/" for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith("__")
                and p.name != "data"}
    assert top | packages <= named, f"modules missing from the README table: {sorted(top | packages - named)}"
    assert named <= top | packages, f"README names modules that do not exist: {sorted(named - top - packages)}"
