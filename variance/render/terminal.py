"""Text that is safe to show on a terminal.

`terminal_text` is applied to everything a terminal view shows
from a document, a file name or metadata: escape and other control characters (ESC, which
starts colour codes, window titles and OSC 52 clipboard writes; C1 controls; CR and
backspace, which overwrite what was printed; bidi overrides, which reorder it) become visible
stand-ins, again one for one, so a span's offsets still point at the same characters.
`terminal_line` does the same for one-line messages, where newlines and tabs are escaped too
and the undecodable bytes of a file name (`os.fsdecode`'s surrogate escapes) read `\\xNN`.
`for_terminal` applies `terminal_text` to every string inside a result (dataclasses, tuples,
lists, dicts), for views that print many of them. JSON output keeps the exact text: on a
terminal, `json_for_terminal` writes the few characters JSON leaves raw that a terminal acts on
(DEL, C1 controls, bidi overrides) as `\\u` escapes, the same JSON value.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from functools import cache
from typing import Any, TypeVar

__all__ = ["terminal_text", "terminal_line", "for_terminal", "json_for_terminal"]

REPLACEMENT = "\ufffd"
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _table(keep: str) -> dict[int, str]:
    table = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in keep}  # ␀ ... ␛ ... ␟
    table[0x7F] = "\u2421"  # ␡
    table.update({c: REPLACEMENT for c in range(0x80, 0xA0)})  # C1 controls (CSI, OSC...)
    table.update({ord(c): REPLACEMENT for c in _BIDI})
    table.update({c: REPLACEMENT for c in range(0xD800, 0xE000)})
    return table


@cache
def _tables() -> tuple[dict[int, str], dict[int, str], re.Pattern[str]]:
    """The stand-ins for a text, those for a line, and what a text must hold to need them: made
    on first use (a command whose output is clean never needs them; the surrogates' range made
    `re` build its largest class map, and the tables hold 2,000 entries each)."""
    line = _table("")
    line.update({c: f"\\x{c - 0xDC00:02x}" for c in range(0xDC80, 0xDD00)})  # surrogate escapes
    return _table("\n\t"), line, re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + "\ud800-\udfff]")


_RAW_IN_JSON = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")
"""In UTF-8, what JSON writes raw and a terminal obeys or reorders by: DEL, the C1 controls
(U+009B starts a colour code as ESC [ does) and the bidi overrides. JSON escapes the rest."""

T = TypeVar("T")


def terminal_text(text: str) -> str:
    """`text` with control, escape and bidi-override characters made visible, one for one;
    newlines and tabs kept."""
    table, _, unsafe = _tables()
    return text.translate(table) if unsafe.search(text) else text


def terminal_line(text: str) -> str:
    """One line for a terminal: as `terminal_text`, and newlines, tabs and undecodable file
    name bytes escaped too."""
    return text.translate(_tables()[1])


def json_for_terminal(data: bytes) -> bytes:
    """JSON text in UTF-8 with DEL, C1 controls and bidi overrides written `\\u009b` and so on:
    the same value for any JSON reader, nothing for a terminal to act on."""
    return _RAW_IN_JSON.sub(lambda found: b"\\u%04x" % ord(found.group().decode("utf-8")), data)


def for_terminal(value: T) -> T:
    """A copy of `value` with `terminal_text` applied to every string inside it (enum members
    and fields not compared, such as caches, are left as they are); `value` itself when no
    string in it needs changing, which is proven first at C speed (`_clean`)."""
    return value if _clean(value) else _walk(value, {})


_UNSAFE_JSON = re.compile(
    rb"\\u00[01]|\\[bfr]|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
"""What `terminal_text` replaces, as orjson writes it: control characters escaped (newline and
tab are written `\\n`, `\\t`), DEL, C1 controls and bidi overrides as UTF-8. An escaped
backslash before `b`, `f`, `r` or `u00` also matches: that only sends `value` the slow way."""


def _clean(value: Any) -> bool:
    """True when `_walk` would return `value` unchanged: orjson writes every string inside it
    (dataclass fields, lookups cached on them, tuples, lists, dict keys and values) in C, and
    nothing there is unsafe. Objects `_walk` does not look into are written as null; a string
    orjson refuses (a lone surrogate) or a value it cannot write makes the answer False. orjson
    skips attributes whose names start with `_`: the model has no such fields
    (tests/test_terminal.py keeps it so)."""
    import orjson

    def other(obj: Any) -> Any:
        return list(obj) if isinstance(obj, tuple) else None   # named tuples are walked too

    try:
        written = orjson.dumps(value, default=other, option=orjson.OPT_NON_STR_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return False
    return _UNSAFE_JSON.search(written) is None


def _walk(value: Any, seen: dict[int, Any]) -> Any:
    """`value` itself when nothing inside it changes (identity kept), else a changed copy."""
    if isinstance(value, str):
        return value if isinstance(value, enum.Enum) else terminal_text(value)
    if isinstance(value, (int, float, bool, type(None), enum.Enum, bytes)):
        return value
    key = id(value)
    if key not in seen:
        seen[key] = _copy(value, seen)
    return seen[key]


def _copy(value: Any, seen: dict[int, Any]) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [f for f in dataclasses.fields(value) if f.init and f.compare]
        changes = {f.name: _walk(getattr(value, f.name), seen) for f in fields}
        if all(changes[f.name] is getattr(value, f.name) for f in fields):
            return value
        for f in dataclasses.fields(value):
            if f.init and not f.compare and f.default_factory is not dataclasses.MISSING:
                changes[f.name] = f.default_factory()  # a fresh cache, not the original's
        return dataclasses.replace(value, **changes)
    if isinstance(value, (tuple, list)):
        items = [_walk(v, seen) for v in value]
        if all(a is b for a, b in zip(items, value)):
            return value
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    if isinstance(value, dict):
        pairs = [(_walk(k, seen), _walk(v, seen)) for k, v in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(pairs, value.items())):
            return value
        return dict(pairs)
    return value
