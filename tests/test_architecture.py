"""The layout is the design: every import points down the layers, and no module cycle exists."""

import ast
from pathlib import Path

from tests.conftest import ROOT

# Lower rank = more basic. A module may import its own sub-package and anything of lower rank;
# the shared basics (errors, atomic, languages, words) may import one another.
RANKS = {"basics": 0, "sources": 1, "glossary": 1, "quality": 2, "translation": 3, "output": 4, "pipeline": 5,
         "serve": 6, "cli": 7, "__main__": 8}


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in RANKS else "basics"


def unranked_packages(root: Path) -> list[str]:
    """Sub-packages of briefing/ the ranks do not name: a new one must be placed on purpose."""
    return sorted(path.parent.name for path in (root / "briefing").glob("*/__init__.py")
                  if path.parent.name not in RANKS)


def ambient_reads(root: Path) -> list[str]:
    """Below the pipeline, every read of the environment or the working folder, and every print:
    settings come as a value (briefing.settings) and messages as notices or the log."""
    found = []
    for path in sorted((root / "briefing").rglob("*.py")):
        module = _module_name(path, root)
        if RANKS[layer(module)] >= RANKS["pipeline"]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            what = None
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                what = {("os", "environ"): "os.environ", ("os", "getenv"): "os.getenv",
                        ("os", "getcwd"): "os.getcwd", ("Path", "cwd"): "Path.cwd()"}.get((node.value.id, node.attr))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                what = "print"
            if what:
                found.append(f"{module}:{node.lineno} {what}")
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Every module of root/briefing → the briefing modules it imports, at any depth of its code."""
    modules = {_module_name(p, root): p for p in (root / "briefing").rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("briefing"):
                for alias in node.names:
                    candidate = f"{node.module}.{alias.name}"
                    targets.add(candidate if candidate in modules else node.module)
            elif isinstance(node, ast.Import):
                targets |= {a.name for a in node.names if a.name.startswith("briefing")}
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def wrong_way_imports(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, targets in graph.items():
        for target in targets:
            if target == "briefing" or layer(module) == layer(target):
                continue
            if RANKS[layer(target)] >= RANKS[layer(module)]:
                wrong.append(f"{module} imports {target}")
    return sorted(wrong)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> list[str] | None:
        visiting.append(module)
        for target in sorted(graph.get(module, ())):
            if target in visiting:
                return [*visiting[visiting.index(target):], target]
            if target not in done and (cycle := visit(target)):
                return cycle
        visiting.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        if module not in done and (cycle := visit(module)):
            return cycle
    return None


def test_imports_point_down_the_layers():
    wrong = wrong_way_imports(import_graph(ROOT))
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_import_cycle():
    cycle = find_cycle(import_graph(ROOT))
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_a_wrong_way_import_and_a_cycle_are_caught(tmp_path):
    for package in ("quality", "cli"):
        (tmp_path / "briefing" / package).mkdir(parents=True)
        (tmp_path / "briefing" / package / "__init__.py").write_text("")
    (tmp_path / "briefing" / "__init__.py").write_text("")
    (tmp_path / "briefing" / "cli" / "main.py").write_text("from briefing.quality.bad import x\n")
    (tmp_path / "briefing" / "quality" / "bad.py").write_text("def f():\n    from briefing.cli.main import main\n")
    graph = import_graph(tmp_path)
    assert graph["briefing.quality.bad"] == {"briefing.cli.main"}
    assert wrong_way_imports(graph) == ["briefing.quality.bad imports briefing.cli.main"]
    assert find_cycle(graph) == ["briefing.cli.main", "briefing.quality.bad", "briefing.cli.main"]


def _functions(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _body_lines(function: ast.FunctionDef) -> int:
    """Lines of a function's body, its docstring left out."""
    body = function.body
    if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return body[-1].end_lineno - body[0].lineno + 1


def test_commands_are_thin():
    """The command line parses, calls the library and prints: no command holds the pipeline."""
    long = [f"{path.name}:{function.name} ({_body_lines(function)} lines)"
            for path in sorted((ROOT / "briefing" / "cli").glob("*.py")) for function in _functions(path)
            if _body_lines(function) > 40]
    assert not long, "functions of the command line over 40 lines: " + ", ".join(long)


def test_no_function_is_too_branchy_to_follow():
    """radon's cyclomatic rank E or F (over 30 paths) is where a function's cases need names."""
    from radon.complexity import cc_rank, cc_visit

    ranked = []
    for path in sorted((ROOT / "briefing").rglob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            for function in [block, *getattr(block, "methods", [])]:
                if cc_rank(function.complexity) in "EF":
                    ranked.append(f"{path.relative_to(ROOT)}:{function.name} ({function.complexity})")
    assert not ranked, "functions of rank E or F: " + ", ".join(ranked)


def test_every_sub_package_is_ranked():
    unranked = unranked_packages(ROOT)
    assert not unranked, ("sub-packages with no rank in tests/test_architecture.py RANKS (place each between the "
                          "layers it imports and the ones that import it): " + ", ".join(unranked))


def test_nothing_below_the_pipeline_reads_the_environment_or_prints():
    reads = ambient_reads(ROOT)
    assert not reads, "below pipeline/, reads of the environment or the working folder, or prints:\n" + "\n".join(reads)


def test_an_unranked_package_and_an_ambient_read_are_caught(tmp_path):
    for package in ("quality", "serving"):
        (tmp_path / "briefing" / package).mkdir(parents=True)
        (tmp_path / "briefing" / package / "__init__.py").write_text("")
    (tmp_path / "briefing" / "quality" / "bad.py").write_text(
        "import os\nfrom pathlib import Path\n\ndef f():\n    print(os.environ['HOME'], Path.cwd())\n")
    (tmp_path / "briefing" / "cli").mkdir()
    (tmp_path / "briefing" / "cli" / "fine.py").write_text("import os\nprint(os.getenv('X'))\n")
    assert unranked_packages(tmp_path) == ["serving"]
    assert ambient_reads(tmp_path) == ["briefing.quality.bad:5 print", "briefing.quality.bad:5 os.environ",
                                       "briefing.quality.bad:5 Path.cwd()"]
