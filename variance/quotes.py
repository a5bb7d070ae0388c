"""Direct quotes: where quotation marks open and close in a text.

Copes with curly and straight marks, nesting (“… “No progress …” …”), quotes that never close
(they run to the end of the text given) and stray closers with no opener (ignored).
"""

from __future__ import annotations

__all__ = ["quote_spans", "inside_quote", "OPENERS", "CLOSERS"]

OPENERS = "“«„‹「"
CLOSERS = "”»‹›」"
_PAIRS = {"“": "”", "«": "»", "„": "“”", "‹": "›", "「": "」"}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Outermost quoted regions as `[start, end)`, marks included."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch == '"':
            if stack and stack[-1][0] == '"':
                _close(stack, spans, i)
            elif _opens_straight(text, i):
                stack.append(('"', i))
        elif ch in _PAIRS and not (stack and ch in _PAIRS.get(stack[-1][0], "") and ch not in "“"):
            stack.append((ch, i))
        elif stack and ch in _PAIRS.get(stack[-1][0], ""):
            _close(stack, spans, i)
    if stack:
        spans.append((stack[0][1], len(text)))
    return sorted(spans)


def _opens_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    return before.isspace() or before in "([{-–—:" or i == 0


def _close(stack, spans, i: int) -> None:
    _, start = stack.pop()
    if not stack:
        spans.append((start, i + 1))


def inside_quote(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does `[start, end)` overlap a quoted region?"""
    return any(s < max(end, start + 1) and start < e for s, e in spans)
