"""The terminal view: statements with every version's wording and a coloured word diff.

Rich renders it; colour only when stdout is a terminal, and a plain word-diff notation
(`[-old-]{+new+}`) otherwise, so the output reads in a pipe and on an 80-column screen.
Every string from the documents is passed through `variance.render.terminal.for_terminal` first: an
escape sequence in an article or a file name is shown, never obeyed.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, TextIO, Union, cast
from weakref import WeakKeyDictionary

from rich._wrap import divide_line, re_word
from rich.cells import cell_len, get_character_cell_size, set_cell_size

from ..model import Change, ChangeKind, Comparison, Evidence, Member, Severity, Statement, pieces, worst_severity
from .labels import decision_label
from .provenance import fetched_line
from .styled import Shown, Styled, as_rich
from .terminal import for_terminal

if TYPE_CHECKING:
    from rich.console import Console as RichConsole
    from rich.text import Text

__all__ = ["render_text", "render_artefacts", "diff_text", "indented", "KIND_STYLE", "PlainConsole"]


class PlainConsole:
    """What the view reads of rich's `Console` where nothing is coloured (stdout a pipe or a
    file): the width, and standard output as it is when written to. The view then writes every
    line itself, as it does with such a rich console, so the command that shows text in a pipe
    does not import rich's console (15 ms of its start-up); rich's `Text.wrap` asks nothing of
    the console it is given for the view's justification ("default")."""

    color_system = None
    record = False
    is_terminal = False
    soft_wrap = False
    tab_size = 8

    def __init__(self, width: int):
        self.width = width
        """Columns, as rich would have found them (`variance.cli.common.console_for_stdout`)."""

    @property
    def file(self) -> TextIO:
        """Standard output at the time of writing (a test runner replaces it)."""
        return sys.stdout


Console = Union["RichConsole", PlainConsole]
"""A rich console, or the plain one for a pipe."""

KIND_STYLE = {
    ChangeKind.COSMETIC: "dim", ChangeKind.SPELLING: "yellow", ChangeKind.NUMBER: "bold magenta",
    ChangeKind.NEGATION: "bold red", ChangeKind.ENTITY: "bold magenta",
    ChangeKind.ATTRIBUTION: "bold cyan", ChangeKind.QUOTE: "bold yellow",
    ChangeKind.WORDING: "blue", ChangeKind.ADDITION: "green", ChangeKind.OMISSION: "red",
}


def render_text(comparison: Comparison, console: Console, *, diffs: bool = True,
                show_cosmetic: bool = False, only_shared: bool = False) -> None:
    """Print the comparison: a header, then one block per statement."""
    comparison = for_terminal(comparison)
    _header(comparison, console)
    for st in comparison.statements:
        if only_shared and len(st.members) < 2:
            continue
        _print(console)
        _statement(comparison, st, console, diffs=diffs, show_cosmetic=show_cosmetic)
    for doc in comparison.unaligned:
        _print(console)
        _print(console, Styled(f"{doc.id}  not aligned ({doc.language}): its sentences", style="yellow"))
        for sentence in doc.sentences:
            indented(console, Styled(doc.text[sentence.start:sentence.end]))
    if comparison.artefacts:
        _print(console)
        _artefacts(comparison, console)


def render_artefacts(comparison: Comparison, console: Console) -> None:
    """Artefacts per document: where, what kind, why, and what the other versions say."""
    _artefacts(for_terminal(comparison), console)


def _artefacts(comparison: Comparison, console: Console) -> None:
    by_doc: dict[str, list] = {}
    for a in comparison.artefacts:
        by_doc.setdefault(a.document, []).append(a)
    total = len(comparison.artefacts)
    _print(console, Styled(f"{total} artefact{'s' * (total != 1)} in {len(by_doc)} of "
                       f"{len(comparison.documents)} documents", style="bold"))
    for doc in comparison.documents:
        found = by_doc.get(doc.id, [])
        _print(console, Styled(f"\n{doc.id}", style="bold").append(f"  {len(found)} found", style="dim"))
        for a in found:
            line = _line_of(doc.text, a.start)
            head = Styled(f"{line}:{a.start - doc.text.rfind(chr(10), 0, a.start)}", style="dim")
            head.append(f"  {a.kind.value}", style="bold yellow").append(f"  “{a.text}”  ")
            indented(console, head.append(a.message), indent=2)
            for evidence in a.evidence:
                indented(console, Styled(evidence, style="dim"), indent=6)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _header(comparison: Comparison, console: Console) -> None:
    ref = comparison.reference
    shared = sum(1 for s in comparison.statements if len(s.members) > 1)
    _print(console, Styled.assemble(("variance", "bold"), f"  {len(comparison.documents)} documents, "
                                f"{len(comparison.statements)} statements ({shared} shared), "
                                f"reference {ref}"))
    counts = comparison.severity_counts()
    if any(counts.values()):
        _print(console, Styled.assemble("  changed versions: ", (f"{counts[Severity.HIGH]} high", "red"),
                                    f", {counts[Severity.MEDIUM]} medium, "
                                    f"{counts[Severity.LOW]} low"))
    for doc in comparison.documents:
        carried, total = comparison.reference_coverage(doc.id)
        drift = comparison.document_drift(doc.id)
        line = Styled(f"  {doc.id}", style="bold" if doc.id == ref else "")
        line.append(f"  {doc.language or 'language unknown'}, {len(doc.body_sentences)} sentences")
        if total and doc.id != ref:
            line.append(f", carries {carried}/{total} of the reference")
        if drift is not None:
            line.append(f", drift {drift:.2f}")
        event = comparison.other_event(doc.id)
        if event is not None:
            line.append(f", {event.message}", style="yellow")
        _print(console, line)
        if doc.title:
            indented(console, Styled(doc.title, style="italic"))
        fetched = fetched_line(doc)
        if fetched:
            indented(console, Styled(fetched, style="dim"))
    for doc in comparison.unaligned:
        _print(console, Styled(f"  {doc.id}  {doc.language}, {len(doc.body_sentences)} sentences, "
                           "not aligned: another language", style="yellow"))
        fetched = fetched_line(doc)
        if fetched:
            indented(console, Styled(fetched, style="dim"))
    if comparison.decisions is not None:
        d = comparison.decisions
        applied = sum(1 for a in d.decisions if a.applied)
        _print(console, Styled(f"  decisions {d.path}: {applied} applied, {len(d.decisions) - applied} not"
                           + (f", sha256 {d.sha256}" if d.sha256 else ""), style="dim"))
    for warning in comparison.warnings:
        _print(console, Styled(f"  warning: {warning}", style="yellow"))


def _statement(comparison: Comparison, st: Statement, console: Console, *, diffs: bool,
               show_cosmetic: bool) -> None:
    present = {m.document for m in st.members}
    worst = worst_severity([c for d in st.diffs for c in d.changes], cosmetic=show_cosmetic)
    title = Styled(f"S{st.id}", style="bold")
    title.append(f"  {len(present)}/{len(comparison.documents)} versions")
    if len(st.members) > 1:
        title.append(f", score {st.score:.2f}")
    if worst:
        title.append(f", changes: {worst.value}", style="red" if worst is Severity.HIGH else "")
    _print(console, title)
    decided = comparison.decisions
    for applied in decided.on_statement(st.id) if decided else ():
        indented(console, Styled(f"✎ {decision_label(applied, st.id)}", style="italic"), 2)
    linked = decided.linked(st.id) if decided else frozenset()
    anchor = st.diffs[0].against if st.diffs else st.members[0].document
    for m in sorted(st.members, key=lambda m: (m.document != anchor, m.document)):
        diff = st.diff(m.document)
        line = Styled(f"  {m.document}", style="bold" if m.document == anchor else "cyan")
        if diff is not None:
            line.append(f"  drift {diff.drift:.2f}, confidence {m.confidence:.2f}", style="dim")
            if m.evidence in (Evidence.MEANING, Evidence.MEANING_WORDS, Evidence.MEANING_CONTEXT):
                line.append(f", {m.because()}", style="dim")
        elif m.document != anchor and m.evidence is Evidence.TRANSLATION:
            line.append(f"  original language, not diffed; {m.because()}", style="dim")
        if m.document in linked:
            line.append("  linked by the editor", style="italic")
        _place(comparison, m, line, diff.changes if diffs and diff is not None else None,
               show_cosmetic, console)
    for m in st.repeats:
        main = st.member(m.document)
        where = "later" if main is not None and m.start > main.start else "earlier"
        line = Styled(f"  {m.document}", style="cyan").append(f"  again, {where}", style="dim")
        _place(comparison, m, line, None, show_cosmetic, console)
    absent = [d.id for d in comparison.documents if d.id not in present]
    if absent:
        _print(console, Styled(f"  absent from: {', '.join(absent)}", style="dim"))


def _place(comparison: Comparison, m: Member, line: Styled, changes: tuple[Change, ...] | None,
           show_cosmetic: bool, console: Console) -> None:
    """One place of a statement: its header line, then its words; a part of a sentence is shown
    inside the rest of that sentence, dimmed and between ‹ › so that a pipe shows it too."""
    doc = comparison.document(m.document)
    if m.partial:
        line.append("  part of a sentence", style="dim")
    _print(console, line)
    body = _diff_styled(doc.text, m.start, m.end, changes, show_cosmetic) if changes is not None \
        else Styled(doc.text[m.start:m.end])
    if m.partial:
        lo, hi = doc.sentence_extent(m.sentences)
        before, after = doc.text[lo:m.start].strip(), doc.text[m.end:hi].strip()
        out = Styled()
        if before:
            out.append(f"‹{before}› ", style="dim")
        out.append_text(body)
        if after:
            out.append(f" ‹{after}›", style="dim")
        body = out
    indented(console, body)


def indented(console: Console, text: Shown, indent: int = 4) -> None:
    """Wrap `text` to the console width with every line indented, no trailing spaces."""
    width = max(20, _width(console) - indent)
    if _plain_width(console) and text.justify is text.overflow is text.no_wrap is None and "\t" not in text.plain:
        console.file.write("".join(f"{' ' * indent}{line}\n" for line in _wrapped(text.plain, width)))
        return
    from rich.text import Text

    for line in as_rich(text).wrap(cast("RichConsole", console), width):  # rich's wrap reads nothing of it
        line.rstrip()
        _print(console, Text(" " * indent).append_text(line), soft_wrap=True)


def _wrapped(plain: str, width: int, strip: bool = True) -> list[str]:
    """The lines `Text(plain).wrap(console, width)` gives (each stripped at its end, with
    `strip`), as rich makes them (its `divide_line` for the breaks, then its `rstrip_end` and
    `truncate`), for a text without styles to keep nor tabs: without the `Text` objects that
    wrapping one line makes and the spans it carries, which were most of the text view's time
    in a pipe."""
    lines = []
    for paragraph in plain.split("\n"):
        if _fits(paragraph, width):
            lines.append(paragraph.rstrip() if strip else paragraph)
            continue
        narrow = _one_cell_each(paragraph)
        offsets = _breaks(paragraph, width) if narrow else divide_line(paragraph, width, fold=True)
        for start, end in zip([0, *offsets], [*offsets, len(paragraph)]):
            line = paragraph[start:end]
            if len(line) > width and (spaces := _END_SPACES.search(line)):
                line = line[:len(line) - min(len(spaces.group()), len(line) - width)]
            if (len(line) if narrow else cell_len(line)) > width:
                line = set_cell_size(line, width)
            lines.append(line.rstrip() if strip else line)
    return lines


def _one_cell_each(text: str) -> bool:
    """Whether every character of `text` takes one cell, as rich measures them: then any part
    of it takes as many cells as it has characters (rich's `cell_len`)."""
    return all(get_character_cell_size(c) == 1 for c in set(text))


def _breaks(paragraph: str, width: int) -> list[int]:
    """Where rich's `divide_line(paragraph, width, fold=True)` breaks a `paragraph` whose every
    character takes one cell (`_one_cell_each`): its steps, word by word, counting characters
    instead of measuring each word's cells twice; rich's own where a word is longer than a line
    (it is folded)."""
    breaks: list[int] = []
    offset = 0  # cells taken on the current line
    for word in re_word.finditer(paragraph):  # rich's words: each at the end of the one before
        start, end = word.span()
        length = len(word.group().rstrip())
        if width - offset >= length:
            offset += end - start
        elif length > width:
            return divide_line(paragraph, width, fold=True)
        elif offset and start:
            breaks.append(start)
            offset = end - start
    return breaks


def _fits(line: str, width: int) -> bool:
    """Whether rich leaves `line` (no newline, no tab) as it is when wrapping it to `width`: it
    has at most `width` characters and cells, and no zero-width joiner nor emoji selector, the
    two characters that make a line's cells other than the sum of its characters' (so every
    word `divide_line` measures fits where the whole line does: it breaks nowhere). Most of the
    view's lines (a version's header, a short sentence) are such lines."""
    return len(line) <= width and "\u200d" not in line and "\ufe0f" not in line and cell_len(line) <= width


_END_SPACES = re.compile(r"\s+$")
_PLAIN: WeakKeyDictionary[Console, int] = WeakKeyDictionary()  # type: ignore[type-var]
"""The width of each console that writes plain text (no colour, no terminal, no recording), 0
for the others; rich reads the environment again each time it is asked."""


def _plain_width(console: Console) -> int:
    width = _PLAIN.get(console)
    if width is None:
        plain = console.color_system is None and not console.record and not console.is_terminal
        width = _PLAIN[console] = console.width if plain else 0
    return width


def _width(console: Console) -> int:
    return _plain_width(console) or console.width


def _print(console: Console, text: Shown | None = None, *, soft_wrap: bool = False) -> None:
    """`console.print(text)`; where nothing is coloured (a pipe, a file), the same characters
    written straight to the console's file. Rich's lines come from `Text.wrap`, as here (a
    `Styled` line is wrapped as rich would wrap its `Text`, without making one); the rest of
    its work per call (options, segments, styles, cropping) was most of the view's time and
    changes nothing without colour."""
    width = _plain_width(console)
    if not width:
        assert not isinstance(console, PlainConsole)  # a plain console always has a width
        if text is None:
            console.print()
        else:
            console.print(as_rich(text), soft_wrap=soft_wrap or None)
        return
    if text is None:
        console.file.write("\n")
        return
    soft = soft_wrap or console.soft_wrap
    plain = text.plain
    if plain and "\n" not in plain and "\t" not in plain and (
            soft or (text.justify in (None, "default") and _fits(plain, width))):
        console.file.write(plain + text.end)  # one line, as rich's wrap leaves it
        return
    if isinstance(text, Styled) and not soft and "\t" not in plain:
        console.file.write("".join(f"{line}\n" for line in _wrapped(plain, width, strip=False)))
        return
    text = as_rich(text)
    lines = text.wrap(cast("RichConsole", console), width, justify=text.justify or "default",
                      overflow="ignore" if soft else text.overflow or "fold",
                      tab_size=text.tab_size or console.tab_size or 8, no_wrap=soft or bool(text.no_wrap))
    console.file.write("".join(f"{line.plain}{text.end}" for line in lines) if text.end == "\n"
                       else "\n".join(line.plain for line in lines) + text.end)


def diff_text(text: str, start: int, end: int, changes: tuple[Change, ...], show_cosmetic: bool) -> Text:
    """The witness wording with deletions and insertions marked by change kind."""
    return _diff_styled(text, start, end, changes, show_cosmetic).to_rich()


def _diff_styled(text: str, start: int, end: int, changes: tuple[Change, ...], show_cosmetic: bool) -> Styled:
    """`diff_text`, as the view's own `Styled` text."""
    out = Styled()
    for piece, c in pieces(text, start, end, changes):
        if c is None or (c.kind is ChangeKind.COSMETIC and not show_cosmetic):
            out.append(piece)
            continue
        style = KIND_STYLE[c.kind]
        if c.reference:
            out.append(f"[-{c.reference}-]", style=f"{style} strike")
        if piece:
            out.append(f"{{+{piece}+}}", style=f"{style} underline")
        out.append(f"⟨{c.kind.value}⟩", style="dim")
    return out
