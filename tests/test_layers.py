"""The layers of the package, kept by reading every module's imports (docs/architecture.md):

- the model is the base: it imports nothing else of variance;
- the stages (load, text, align, diff, artefacts, quotes, coverage, decisions, archive) and the
  pipeline never import a view (render, tui) or the command line;
- the views read the model, ask the pipeline and write through `variance.outputs`; they reach a
  stage only through its package's face (`variance.decisions`, never `variance.decisions.store`), never a stage's internals;
- nothing imports the command line but `python -m variance`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "variance"
STAGES = {"load", "text", "align", "diff", "artefacts", "quotes", "coverage", "decisions", "archive"}
VIEWS = {"render", "tui"}
BASE = {"variance.model", "variance.errors", "variance.pipeline", "variance.outputs", "variance.cache"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[str]:
    """Every variance module `path` imports, resolved to its full dotted name."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            found.extend(f"{target}.{a.name}" if _is_module(f"{target}.{a.name}") else target
                         for a in node.names)
        elif isinstance(node, ast.Import):
            found.extend(a.name for a in node.names)
    return [t for t in found if t == "variance" or t.startswith("variance.")]


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


MODULES = sorted(PACKAGE.rglob("*.py"))


def allowed_for_a_view(target: str) -> bool:
    top = layer(target)
    if target == "variance" or top in VIEWS or any(target == b or target.startswith(b + ".") for b in BASE):
        return True
    return top in STAGES and target == f"variance.{top}"      # a stage's face, not its modules


RULES = {
    "the model imports nothing else of variance":
        (lambda src: layer(src) == "model", lambda dst: layer(dst) == "model" or dst == "variance.model"),
    "stages and the pipeline never import a view or the command line":
        (lambda src: layer(src) in STAGES | {"pipeline", "parallel", "errors"},
         lambda dst: layer(dst) not in VIEWS | {"cli"}),
    "views read the model, ask the pipeline and reach a stage only through its face":
        (lambda src: layer(src) in VIEWS, allowed_for_a_view),
    "nothing imports the command line":
        (lambda src: layer(src) not in {"cli", "__main__"}, lambda dst: layer(dst) != "cli"),
}


@pytest.mark.parametrize("rule", list(RULES))
def test_layers(rule):
    applies, allowed = RULES[rule]
    broken = [f"{module_name(p)} imports {t}" for p in MODULES if applies(module_name(p))
              for t in imports(p) if not allowed(t)]
    assert not broken, f"{rule}:\n" + "\n".join(broken)


def test_the_rules_see_the_imports():
    """The reader finds relative imports of modules and packages (a rule that sees nothing
    passes for nothing)."""
    found = imports(PACKAGE / "pipeline.py")
    assert "variance.model" in found and any(t.startswith("variance.align") for t in found)
    assert "variance.render.json_out" in imports(PACKAGE / "cli" / "common.py")
    assert allowed_for_a_view("variance.quotes") and not allowed_for_a_view("variance.quotes.check")
