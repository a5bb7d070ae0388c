"""Text made safe for the terminal: every control, escape and bidi character inside a result is
made visible, however deep, and a result with none is returned as it is (no copy)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from typing import NamedTuple

from hypothesis import given
from hypothesis import strategies as st

import variance.model as model
from variance.render.terminal import _walk, for_terminal, terminal_text

UNSAFE = "\x00\x07\x08\x0b\x0c\r\x1b\x7f\x85\x9b\u202a\u202e\u2066\u2069\ud800"


class Pair(NamedTuple):
    left: str
    right: str


@dataclasses.dataclass(frozen=True)
class Leaf:
    text: str
    pair: Pair = Pair("a", "b")


@dataclasses.dataclass(frozen=True)
class Tree:
    name: str
    leaves: tuple[Leaf, ...]
    index: dict[str, list[str]]


def tree(text: str, where: str) -> Tree:
    """A small nested result with `text` in one place, safe words everywhere else."""
    return Tree(name=text if where == "name" else "story",
                leaves=(Leaf("one"), Leaf(text if where == "leaf" else "two",
                                          Pair("x", text) if where == "pair" else Pair("x", "y"))),
                index={(text if where == "key" else "k"): ["v", text if where == "value" else "w"]})


def test_every_unsafe_character_is_made_visible_wherever_it_is():
    for ch in UNSAFE:
        for where in ("name", "leaf", "pair", "key", "value"):
            shown = for_terminal(tree(f"a{ch}b", where))
            assert shown == _walk(tree(f"a{ch}b", where), {}), (repr(ch), where)
            assert f"a{terminal_text(ch)}b" in repr(shown) or ch == "\ud800", (repr(ch), where)
            assert repr(ch)[1:-1] not in repr(shown), (repr(ch), where)


def test_a_result_with_nothing_unsafe_is_returned_itself():
    safe = tree("said: “we\tagree”\n", "leaf")
    assert for_terminal(safe) is safe
    backslashes = tree("C:\\reports\\bfr\\u0041", "value")     # looks like an escape, is not one
    assert for_terminal(backslashes) is backslashes


@given(st.text())
def test_the_fast_check_agrees_with_the_walk(text):
    value = tree(text, "pair")
    assert for_terminal(value) == _walk(value, {})
    assert (for_terminal(value) is value) == (_walk(value, {}) is value)


def test_no_model_field_starts_with_an_underscore():
    """The fast check (orjson) skips such attributes: a field named so would go unchecked."""
    modules = [importlib.import_module(f"variance.model.{m.name}") for m in pkgutil.iter_modules(model.__path__)]
    classes = [cls for module in modules for _, cls in inspect.getmembers(module, inspect.isclass)
               if dataclasses.is_dataclass(cls)]
    assert len(classes) > 20
    for cls in classes:
        assert not [f.name for f in dataclasses.fields(cls) if f.name.startswith("_")], cls


def _on_a_terminal(args: list[str]) -> bytes:
    """What `variance ARGS` writes when its standard output is a terminal (a pseudo-terminal
    here, read as the terminal would read it)."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    done = subprocess.Popen([sys.executable, "-m", "variance", *args], stdout=slave,
                            stderr=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:            # the terminal's other side closed: the program ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert done.wait(timeout=60) == 0
    return b"".join(chunks).replace(b"\r\n", b"\n")


def test_json_on_a_terminal_holds_no_raw_control_and_keeps_the_exact_text(tmp_path):
    """JSON escapes ESC but leaves C1 controls (U+009B is ESC [ in one character) and bidi
    overrides raw; on a terminal they are written as escapes, and the value read back is the
    document's text to the character."""
    import json
    import re

    said = "The minister said \x9b31m the plan would \u202estart\u202c in May\x7f."
    (tmp_path / "a.txt").write_text(said + " Another sentence follows here.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The minister said the plan would start in June. "
                                    "Another sentence follows here.\n", encoding="utf-8")
    for args in (["align", "--json"], ["report", "--format", "json", "-o", "-"]):
        out = _on_a_terminal([*args, str(tmp_path)])
        assert not re.search(rb"\x1b|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]", out), args
        texts = [m["text"] for s in json.loads(out)["statements"] for m in s["members"]]
        assert said in texts, args
