"""Textual `Content` for the pieces every screen draws: badges, coloured wording, statuses.

Change kinds keep the hues of the terminal text view (`render.text.KIND_STYLE`), in a shade
chosen for the theme: the app defines a `$kind-<kind>` variable per kind (`kind_variables`).
Quote verdicts keep the hues of `variance quote` (`render.quote_text`) the same way, as
`$verdict-<verdict>` variables. Badges and statuses use the theme's text colours
($text-error, $text-warning, ...), so everything reads on dark and light themes.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.markup import parse_style

from ..model import ChangeKind, Member, PairDiff, Severity, Statement, pieces
from ..model.quotes import QuoteMatch, Verdict
from ..render.text import KIND_STYLE
from .view import Lookup, Status, ViewFilter

__all__ = ["kind_variables", "verdict_variables", "kind_style", "SEVERITY_STYLE", "STATUS_STYLE",
           "severity_badge", "statement_prompt", "member_wording", "passage_wording", "kinds_legend",
           "status_badge", "to_rich", "VERDICT_GLYPH", "VERDICT_STYLE", "verdict_cell",
           "verdict_badge", "verdict_legend"]

_SHADES = {  # a hue of KIND_STYLE: (shade on a dark background, shade on a light one)
    "red": ("#ff6b6b", "#b3261e"), "green": ("#6bd968", "#1b7a1b"),
    "yellow": ("#e8c547", "#8a6a00"), "blue": ("#79b8ff", "#0b5cad"),
    "magenta": ("#e08cff", "#8e24aa"), "cyan": ("#4fd6e3", "#00707c"),
}


def kind_variables(dark: bool) -> dict[str, str]:
    """Theme variables `kind-<kind>`: each kind's hue in a shade that reads on the theme."""
    out = {}
    for kind, style in KIND_STYLE.items():
        hue = next((word for word in style.split() if word in _SHADES), None)
        if hue:
            out[f"kind-{kind.value}"] = _SHADES[hue][0 if dark else 1]
    return out


_VERDICT_HUE = {Verdict.VERBATIM: "green", Verdict.COSMETIC: "green", Verdict.CHANGED: "yellow",
                Verdict.PARAPHRASED: "magenta"}
"""The hues `variance quote` gives verdicts (render/quote_text.py); absent reads muted."""


def verdict_variables(dark: bool) -> dict[str, str]:
    """Theme variables `verdict-<verdict>`: each verdict's hue in a shade that reads on the theme."""
    return {f"verdict-{v.value}": _SHADES[hue][0 if dark else 1] for v, hue in _VERDICT_HUE.items()}


def kind_style(kind: ChangeKind) -> str:
    """`KIND_STYLE[kind]` with its hue replaced by the theme variable `$kind-<kind>`."""
    return " ".join(f"$kind-{kind.value}" if word in _SHADES else word
                    for word in KIND_STYLE[kind].split())


SEVERITY_STYLE = {Severity.HIGH: "bold $text-error", Severity.MEDIUM: "$text-warning",
                  Severity.LOW: "$text-muted"}
STATUS_STYLE = {Status.AS_IS: "", Status.CHANGED: "$text-warning", Status.UNIQUE: "$text-success",
                Status.ARTEFACT: "bold $text-error", Status.UNCOMPARED: "$text-muted"}
_SEVERITY_LABEL = {Severity.HIGH: "high", Severity.MEDIUM: "med ", Severity.LOW: "low "}


def severity_badge(severity: Severity | None) -> Content:
    if severity is None:
        return Content.styled("  —  ", "$text-muted")
    return Content.styled(f" {_SEVERITY_LABEL[severity]}", SEVERITY_STYLE[severity])


def status_badge(status: Status) -> Content:
    return Content.styled(status.value, STATUS_STYLE[status] or "$text")


def statement_prompt(st: Statement, lookup: Lookup, view: ViewFilter) -> Content:
    """Two lines for the statement list: badges, then the anchor's wording cut to one line."""
    total = len(lookup.comparison.documents)
    drift = max((d.drift for d in st.diffs), default=None)
    badges = Content.assemble(
        (f"S{st.id:<4}", "bold"),
        (f"{len(st.members)}/{total} ", "$text-success" if len(st.members) > 1 else "$text-muted"),
        severity_badge(lookup.severity(st, view)),
        (f" {drift:4.2f}" if drift is not None else "     ", "$text-muted"),
        (" “”" if lookup.quotes(st) else "", "bold $text-accent"),
    )
    words = " ".join(lookup.text(lookup.anchor(st)).split())
    return Content("\n").join([badges, Content.styled(words, "$text-muted")])


def member_wording(text: str, member: Member, diff: PairDiff | None, view: ViewFilter,
                   sentence: tuple[int, int] | None = None) -> Content:
    """A version's wording, its shown changes coloured by kind; words it dropped struck through.
    A part of a sentence comes inside the rest of `sentence` (its extent), dimmed."""
    words = Content(text[member.start:member.end]) if diff is None else \
        passage_wording(text, member.start, member.end, diff.changes, view)
    if not member.partial or sentence is None:
        return words
    before, after = text[sentence[0]:member.start].rstrip(), text[member.end:sentence[1]].lstrip()
    return Content.assemble(*([(before + " ", "$text-muted")] if before else []), words,
                            *([(" " + after, "$text-muted")] if after else []))


def passage_wording(text: str, start: int, end: int, changes, view: ViewFilter) -> Content:
    """`text[start:end]`, the changes the filter shows coloured by kind; words dropped struck
    through. `changes` carry witness offsets into `text` (a member's diff, a quote match's)."""
    shown = [c for c in changes if view.shows(c)]
    return Content("").join(
        _dropped(change) if change is not None and not piece else
        Content.styled(piece, kind_style(change.kind) if change else "")
        for piece, change in pieces(text, start, end, shown, side="witness"))


def _dropped(change) -> Content:
    return Content.styled(f"⟨{change.reference}⟩", f"{kind_style(change.kind)} strike")


VERDICT_GLYPH = {Verdict.VERBATIM: "=", Verdict.COSMETIC: "≈", Verdict.CHANGED: "≠",
                 Verdict.PARAPHRASED: "~", Verdict.ABSENT: "·"}
VERDICT_STYLE = {Verdict.VERBATIM: "bold $verdict-verbatim", Verdict.COSMETIC: "$verdict-cosmetic",
                 Verdict.CHANGED: "bold $verdict-changed", Verdict.PARAPHRASED: "$verdict-paraphrased",
                 Verdict.ABSENT: "$text-muted"}


def verdict_cell(match: QuoteMatch, *, nq: bool = True) -> Content:
    """A verdict in a few cells: its glyph, the similarity when words differ, `nq` (unless
    `nq` is False) when the passage is not inside quotation marks."""
    v = match.verdict
    cell = Content.styled(VERDICT_GLYPH[v], VERDICT_STYLE[v])
    if v in (Verdict.CHANGED, Verdict.PARAPHRASED):
        cell += Content.styled(f"{match.similarity:.2f}".lstrip("0"), VERDICT_STYLE[v])
    if nq and v is not Verdict.ABSENT and not match.quoted:
        cell += Content.styled(" nq", "$text-muted")
    return cell


def verdict_badge(verdict: Verdict) -> Content:
    return Content.styled(f"{VERDICT_GLYPH[verdict]} {verdict.value}", VERDICT_STYLE[verdict])


def verdict_legend() -> Content:
    return Content("  ").join([*(verdict_badge(v) for v in Verdict),
                               Content.styled(".94 similarity  nq not in quotation marks", "$text-muted"),
                               Content.styled("⚠ conflict", "bold $text-error")])


def kinds_legend(st: Statement, view: ViewFilter) -> Content:
    """The change kinds coloured in this statement with their counts, in the kinds' order."""
    counts = {k: 0 for k in ChangeKind}
    for d in st.diffs:
        for c in d.changes:
            if view.shows(c):
                counts[c.kind] += 1
    items = [Content.styled(f"{k.value} {n}", kind_style(k)) for k, n in counts.items() if n]
    return Content("  ").join(items) if items else Content.styled("no changes shown", "$text-muted")


def to_rich(content: Content, variables: dict[str, str]) -> Text:
    """Rich `Text` for widgets that measure Rich renderables (DataTable cells); `variables`
    are the app's `theme_variables`, which give $error and the like their colours. Each style
    is parsed once per set of variables (a table of a thousand rows reuses a handful)."""
    text = Text(end="")
    parse = _parser(variables)
    for piece, style in content.render(end="", parse_style=parse):
        text.append(piece, style.rich_style)
    return text


_PARSED: list = [None, {}]
"""The variables the styles were parsed with, and the parsed styles by their text."""


def _parser(variables: dict[str, str]):
    if _PARSED[0] is not variables:
        _PARSED[:] = [variables, {}]
    parsed: dict = _PARSED[1]

    def parse(style: str):
        if style not in parsed:
            parsed[style] = parse_style(style, variables)
        return parsed[style]
    return parse
