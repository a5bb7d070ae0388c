"""The decisions file: one human-readable TOML file beside the corpus.

Reading never writes. A file that does not parse, or a decision in it that is not well formed,
is one `InputError` naming the file and the line; such a file is never rewritten (saving
refuses until the user repairs it). Saving holds a lock, re-reads the file, applies only this
process's change (decisions added, decisions removed by id) and replaces the file atomically, so
two processes saving at once never lose a decision.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

from ..errors import InputError, OutputError
from ..model.decisions import Decision, DecisionKind, DecisionSpan, SpanRole

__all__ = ["DEFAULT_NAME", "FILE_FORMAT", "DecisionFile", "default_path", "read_decisions",
           "save_decisions", "new_decision", "default_author"]

DEFAULT_NAME = "variance-decisions.toml"
FILE_FORMAT = 1
MAX_BYTES = 20_000_000
"""Largest decisions file read."""
HEADER = ("# The editor's decisions on this corpus, read by variance on every run.\n"
          "# Each names exact spans of documents (sha256, start, end, text); see docs/decisions.md.\n"
          "# Safe to edit by hand: a decision whose text no longer matches is reported stale.\n\n")
_DECISION = re.compile(r"^\s*\[\[\s*decision\s*\]\]")
_SPAN = re.compile(r"^\s*\[\[\s*decision\s*\.\s*span\s*\]\]")


@dataclass(frozen=True)
class DecisionFile:
    """A decisions file as read: where, the hash of its bytes, and its decisions."""

    path: str
    sha256: str | None
    """None when the file does not exist yet."""
    decisions: tuple[Decision, ...] = ()


def default_path(paths: Sequence[str]) -> str | None:
    """`variance-decisions.toml` in the first folder given, else beside the first file given;
    None when only standard input is read."""
    for p in paths:
        if p != "-" and os.path.isdir(p):
            return os.path.join(p, DEFAULT_NAME)
    for p in paths:
        if p != "-":
            return os.path.join(os.path.dirname(p) or ".", DEFAULT_NAME)
    return None


def default_author() -> str:
    """The environment's user name, or "unknown" when it has none."""
    import getpass  # these imports are paid only by a command that makes or reads decisions

    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):
        return "unknown"


def new_decision(kind: DecisionKind, spans: Iterable[DecisionSpan], *, author: str,
                 note: str = "", now: datetime | None = None) -> Decision:
    """A decision made now, with a fresh id."""
    import secrets

    when = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    return Decision(f"{when:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}", kind, author, when,
                    tuple(spans), note)


def read_decisions(path: str) -> DecisionFile:
    """The decisions in `path`; an empty set when it does not exist."""
    data = _read_bytes(path)
    if data is None:
        return DecisionFile(path, None)
    return DecisionFile(path, hashlib.sha256(data).hexdigest(), _parse(path, data))


def save_decisions(path: str, *, add: Sequence[Decision] = (), remove: Iterable[str] = ()) -> DecisionFile:
    """Add and remove decisions (by id) in `path`, keeping whatever others saved meanwhile."""
    gone = set(remove)
    with _locked(path):
        current = read_decisions(path)
        known = {d.id for d in current.decisions}
        kept = [d for d in current.decisions if d.id not in gone]
        kept += [d for d in add if d.id not in known and d.id not in gone]
        kept.sort(key=lambda d: (d.time, d.id))
        data = dumps(kept).encode("utf-8")
        _write_atomically(path, data)
    return DecisionFile(path, hashlib.sha256(data).hexdigest(), tuple(kept))


def dumps(decisions: Sequence[Decision]) -> str:
    """The file's text: a header comment, the format, then one table per decision."""
    import tomli_w

    body = {"format": FILE_FORMAT, "decision": [_decision_table(d) for d in decisions]}
    return HEADER + tomli_w.dumps(body, multiline_strings=False)


def _decision_table(d: Decision) -> dict:
    table: dict = {"id": d.id, "kind": d.kind.value, "author": d.author, "time": d.time}
    if d.note:
        table["note"] = d.note
    table["span"] = [{"role": s.role.value, "document": s.document, "sha256": s.sha256,
                      "start": s.start, "end": s.end, "text": s.text} for s in d.spans]
    return table


def _read_bytes(path: str) -> bytes | None:
    try:
        if os.path.isdir(path):
            raise InputError(f"{path}: is a folder, not a decisions file")
        if os.path.exists(path) and not os.path.isfile(path):
            raise InputError(f"{path}: not a regular file; decisions are read from a TOML file")
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"{path}: cannot read decisions ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: decisions file larger than {MAX_BYTES} bytes")
    return data


def _parse(path: str, data: bytes) -> tuple[Decision, ...]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"{path}, line {line}: not UTF-8 text") from None
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}, {_toml_error(exc)}") from None
    lines = _Lines(text)
    if doc.get("format", FILE_FORMAT) != FILE_FORMAT:
        raise InputError(f"{path}, line {_key_line(text, 'format')}: format {doc.get('format')!r} "
                         f"is not one this variance reads (it reads {FILE_FORMAT})")
    unknown = sorted(set(doc) - {"format", "decision"})
    if unknown:
        raise InputError(f"{path}, line {_key_line(text, unknown[0])}: unknown key '{unknown[0]}' "
                         "(a decisions file holds format and [[decision]] tables)")
    tables = doc.get("decision", [])
    if not isinstance(tables, list):
        raise InputError(f"{path}, line {_key_line(text, 'decision')}: 'decision' must be [[decision]] tables")
    decisions, seen = [], set()
    for n, table in enumerate(tables):
        decision = _decision(path, table, n, lines)
        if decision.id in seen:
            raise InputError(f"{path}, line {lines.of(n, key='id')}: decision id {decision.id!r} "
                             "is used twice")
        seen.add(decision.id)
        decisions.append(decision)
    return tuple(decisions)


def _toml_error(exc: Exception) -> str:
    """'line N: what' from tomllib's 'what (at line N, column M)'."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    what = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
    if found:
        return f"line {found.group(1)}: not valid TOML ({what}, column {found.group(2)})"
    return f"end of file: not valid TOML ({what})"


class _Lines:
    """Where each [[decision]] and [[decision.span]] starts, to name the line of a bad value."""

    def __init__(self, text: str) -> None:
        self.text = text.splitlines()
        self.heads: list[tuple[int, list[int]]] = []
        for number, line in enumerate(self.text, start=1):
            if _DECISION.match(line):
                self.heads.append((number, []))
            elif _SPAN.match(line) and self.heads:
                self.heads[-1][1].append(number)

    def of(self, n: int, span: int | None = None, key: str | None = None) -> int:
        """The line of `key` in decision `n` (or its span `span`), else of the table's header."""
        if n >= len(self.heads):
            return self.heads[-1][0] if self.heads else 1
        head, spans = self.heads[n]
        start = spans[span] if span is not None and span < len(spans) else head
        following = [h for h, _ in self.heads[n + 1:n + 2]] + [s for s in spans if s > start]
        stop = min(following) if following else len(self.text) + 1
        if key is not None:
            for number in range(start + 1, stop):
                if re.match(rf"^\s*{re.escape(key)}\s*=", self.text[number - 1]):
                    return number
        return start


def _key_line(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"^\s*{re.escape(key)}\s*=", line) or re.match(rf"^\s*\[+\s*{re.escape(key)}\b", line):
            return number
    return 1


def _decision(path: str, table, n: int, lines: _Lines) -> Decision:
    def bad(message: str, span: int | None = None, key: str | None = None) -> InputError:
        return InputError(f"{path}, line {lines.of(n, span, key)}: decision {n + 1}: {message}")

    if not isinstance(table, dict):
        raise bad("must be a table")
    extra = sorted(set(table) - {"id", "kind", "author", "time", "note", "span"})
    if extra:
        raise bad(f"unknown key '{extra[0]}'", key=extra[0])
    for key in ("id", "kind", "author"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise bad(f"'{key}' must be a non-empty string", key=key)
        if key == "kind" and table[key] not in {k.value for k in DecisionKind}:
            raise bad(f"unknown kind {table['kind']!r} ({', '.join(k.value for k in DecisionKind)})",
                      key=key)
    kind = DecisionKind(table["kind"])
    note = table.get("note", "")
    if not isinstance(note, str):
        raise bad("'note' must be a string", key="note")
    spans = table.get("span")
    if not isinstance(spans, list) or not spans:
        raise bad("needs at least one [[decision.span]]")
    decision = Decision(table["id"], kind, table["author"],
                        _time(table.get("time"), lambda m: bad(m, key="time")),
                        tuple(_span(s, k, bad) for k, s in enumerate(spans)), note)
    _check_shape(decision, bad)
    return decision


def _time(value, bad) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise bad(f"'time' {value!r} is not a date and time") from None
    if not isinstance(value, datetime):
        raise bad("'time' must be a date and time, such as 2026-04-27T09:30:00Z")
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _span(table, k: int, bad) -> DecisionSpan:
    if not isinstance(table, dict):
        raise bad(f"span {k + 1} must be a table", k)
    extra = sorted(set(table) - {"role", "document", "sha256", "start", "end", "text"})
    if extra:
        raise bad(f"span {k + 1}: unknown key '{extra[0]}'", k, extra[0])
    for key in ("document", "sha256", "text"):
        if not isinstance(table.get(key), str):
            raise bad(f"span {k + 1}: '{key}' must be a string", k, key)
    start, end = table.get("start"), table.get("end")
    if type(start) is not int or type(end) is not int or not 0 <= start < end:
        raise bad(f"span {k + 1}: 'start' and 'end' must be whole numbers with 0 <= start < end", k, "end")
    if end - start != len(table["text"]):
        raise bad(f"span {k + 1}: 'text' is {len(table['text'])} characters but end - start is "
                  f"{end - start}", k, "text")
    if not re.fullmatch(r"[0-9a-f]{64}", table["sha256"]):
        raise bad(f"span {k + 1}: 'sha256' must be 64 lowercase hex digits", k, "sha256")
    try:
        role = SpanRole(table.get("role", SpanRole.STATEMENT.value))
    except ValueError:
        raise bad(f"span {k + 1}: unknown role {table.get('role')!r} (statement, member)", k, "role") from None
    return DecisionSpan(table["document"], table["sha256"], start, end, table["text"], role)


def _check_shape(d: Decision, bad) -> None:
    """Each kind names what it needs: a member to move and a statement to move it from or to."""
    movers, stayers = d.side(SpanRole.MEMBER), d.side(SpanRole.STATEMENT)
    if d.kind in (DecisionKind.UNLINK, DecisionKind.SPLIT, DecisionKind.LINK, DecisionKind.MERGE) \
            and not (movers and stayers):
        raise bad(f"a {d.kind.value} needs spans with role 'member' and spans with role 'statement'")
    if d.kind is DecisionKind.PIN and len(d.spans) < 2:
        raise bad("a pin needs at least two spans")


@contextmanager
def _locked(path: str):
    """Hold an exclusive lock on a hidden file beside `path` (the loader skips hidden files)."""
    folder, name = os.path.split(os.path.abspath(path))
    try:
        import fcntl
    except ImportError:  # no POSIX locks: the re-read before writing still merges
        yield
        return
    try:
        fd = os.open(os.path.join(folder, f".{name}.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"{path}: cannot save decisions ({exc.strerror})") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _write_atomically(path: str, data: bytes) -> None:
    folder, name = os.path.split(os.path.abspath(path))
    if os.path.islink(path) or (os.path.exists(path) and not os.path.isfile(path)):
        raise OutputError(f"{path}: not a regular file; decisions are not written there")
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot save decisions ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if os.path.exists(path):
            os.chmod(tmp, os.stat(path).st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise OutputError(f"{path}: cannot save decisions ({exc.strerror})") from None
