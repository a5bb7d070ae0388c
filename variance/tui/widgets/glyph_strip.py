"""One row of the wide coverage matrix: a glyph per version, drawn as ready-made segments.

At a thousand versions a row is a thousand glyphs in hundreds of runs, of which a terminal
shows a hundred or so. Rich's `Text` works out each span's style again on every render, and
the table's cell is cropped to the screen only after it is drawn whole: each row took
milliseconds, a screenful of them (after each filter change or `c`) a fifth of a second. A
strip keeps its runs and their offsets, and draws only the runs inside a window of it (the
part the horizontal scroll shows, widened), the rest as one blank segment each side: the
cell keeps its width, and what is cropped away is never made.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

__all__ = ["GlyphStrip"]


class GlyphStrip:
    """A strip of glyphs: runs of one glyph each, with their style."""

    def __init__(self, runs: Sequence[tuple[str, str | Style | None]]) -> None:
        self.texts = [text for text, _ in runs]
        self.run_styles = [Style.parse(style) if isinstance(style, str) else style for _, style in runs]
        self.starts = [0, *accumulate(len(text) for text in self.texts)]
        """Where each run starts, then the strip's length."""
        self.plain = "".join(self.texts)
        self.styles = set(self.run_styles)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        return [Segment(text, style) for text, style in zip(self.texts, self.run_styles)]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(len(self.plain), len(self.plain))

    def line(self, pre: Style, post: Style, width: int, padding: int,
             window: tuple[int, int] | None = None) -> list[Segment]:
        """The strip as one line of a table's cell `width` cells wide, `padding` blank cells
        each side, each run's style between `pre` and `post` (as Textual's `Styled`); with
        `window` (glyph offsets `[start, end)`), the runs outside it are blank."""
        styled = {style: pre + style + post for style in self.styles}   # a handful of styles
        blank = pre + post
        first, last = 0, len(self.texts)
        if window is not None:
            first = max(0, bisect_right(self.starts, window[0]) - 1)
            last = min(last, bisect_left(self.starts, window[1]))
        before, after = padding + self.starts[first], len(self.plain) - self.starts[last] + padding
        line = [Segment(" " * before, blank)] if before else []
        line += [Segment(self.texts[i], styled[self.run_styles[i]]) for i in range(first, last)]
        if after:
            line.append(Segment(" " * after, blank))
        if len(self.plain) + 2 * padding != width:
            line = Segment.adjust_line_length(line, width, blank)
        return line
