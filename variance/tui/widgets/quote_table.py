"""Every checked quote: its statement, a verdict per version, who says it and the words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.message import Message

from ...model import Comparison
from ...model.quotes import QuoteCheck
from ...render.labels import short_labels
from ..paint import VERDICT_GLYPH, VERDICT_STYLE, to_rich, verdict_cell
from ..view import WIDE
from .row_table import RowTable

__all__ = ["QuoteTable", "QuoteRow"]

SPEAKER_MIN = 12
"""Cells a speaker keeps when the table is narrow; longer names (or conflicts) are cut with …"""
QUOTE_WIDTH = 120
"""Characters of the quote shown before the table knows its width; the detail shows it whole."""
MIN_QUOTE = 30
"""Narrowest column for who says what; a narrower table scrolls sideways."""


@dataclass(frozen=True)
class QuoteRow:
    label: str
    """What the first column says: the statement ("S12"), "—" outside statements, "typed"."""
    check: QuoteCheck


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:max(width - 1, 1)].rstrip() + "…"


def speaker_cell(check: QuoteCheck, width: int) -> Content:
    """Who the quote's own document gives it to; every speaker, marked ⚠, when they conflict;
    nothing for a typed quote without a conflict."""
    if check.conflicts:
        names = [name for c in check.conflicts for name, _ in c.speakers]
        return Content.styled(_clip("⚠ " + " / ".join(dict.fromkeys(names)), width), "bold $text-error")
    if check.source is None:
        return Content("")
    own = check.result(check.source).attribution
    if own is None:
        return Content.styled("nobody named", "$text-muted")
    return Content.styled(_clip(own.speaker, width), "$kind-attribution")


class QuoteTable(RowTable):
    """Row keys are positions in the rows given to `show`; columns are documents (key = id)."""

    @dataclass
    class Highlighted(Message):
        index: int

    @dataclass
    class Chosen(Message):
        index: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[Sequence[QuoteRow], Comparison] | None = None

    def show(self, rows: Sequence[QuoteRow], comparison: Comparison, keep: int | None = None) -> None:
        """Replace the rows; the cursor goes to row `keep` when given. The quote column gets the
        width left by the others (at least `MIN_QUOTE`; to leave it, cells drop their `nq`
        first), its text cut with …"""
        self._shown = (rows, comparison)
        ids = [d.id for d in comparison.documents]
        if len(ids) > WIDE:
            columns = {"label": "", "strip": f"{len(ids)} versions, in order"}
        else:
            labels = short_labels(ids)
            columns = {"label": "", **{i: ("★" if i == comparison.reference else "") + labels[i]
                                       for i in ids}}
        width, cells = self._fit(rows, columns, nq=True)
        if width < MIN_QUOTE:
            width, cells = self._fit(rows, columns, nq=False)
        width = max(width, MIN_QUOTE)
        self.clear(columns=True)
        for key, header in {**columns, "quote": "who says what"}.items():
            self.add_column(header, key=key)
        for i, (row, row_cells) in enumerate(zip(rows, cells)):
            quote = self._quote(row.check, width)
            self.add_row(*(to_rich(c, self.app.theme_variables) for c in [*row_cells, quote]),
                         key=str(i))
        if keep is not None and keep < self.row_count:
            self.move_cursor(row=keep)

    def _fit(self, rows: Sequence[QuoteRow], columns: dict[str, str], *, nq: bool):
        """The cells before the quote, and the width they leave for it."""
        cells = [self._cells(row, label, strip="strip" in columns, nq=nq)
                 for row, label in zip(rows, self._labels(rows))]
        if not self.size.width:
            return QUOTE_WIDTH, cells
        used = sum(max([len(header)] + [c[n].cell_length for c in cells]) + 2 * self.cell_padding
                   for n, header in enumerate(columns.values()))
        return self.scrollable_content_region.width - used - 2 * self.cell_padding - 2, cells

    @staticmethod
    def _labels(rows: Sequence[QuoteRow]) -> list[str]:
        """Each row's first cell: a statement named on its first quote only, "typed" on each."""
        out, previous = [], None
        for row in rows:
            out.append(row.label if row.label != previous or row.label == "typed" else "")
            previous = row.label
        return out

    @staticmethod
    def _cells(row: QuoteRow, label: str, *, strip: bool, nq: bool) -> list[Content]:
        """The cells before the quote: label, then verdicts (one strip when the corpus is wide)."""
        results = row.check.results
        verdicts = [Content("").join(Content.styled(VERDICT_GLYPH[r.verdict], VERDICT_STYLE[r.verdict])
                                     for r in results)] if strip else [verdict_cell(r, nq=nq) for r in results]
        return [Content.styled(label, "bold"), *verdicts]

    @staticmethod
    def _quote(check: QuoteCheck, width: int) -> Content:
        """`Speaker: “words”` in `width` cells; a long speaker gives way to the words."""
        speaker = speaker_cell(check, max(SPEAKER_MIN, width - MIN_QUOTE - 2))
        if speaker.cell_length:
            speaker += ": "
        return speaker + f"“{_clip(check.text, width - speaker.cell_length - 2)}”"

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown, keep=self.cursor_row if self.row_count else None)
