"""The Textual app: compares in a worker, holds what the user is looking at, switches screens.

`make_app` builds it for the CLI and the tests. The app only reads the `Comparison` that
`pipeline.compare()` builds; switching the reference reruns `pipeline.compare_documents` in a
worker on the already segmented documents. Screens watch the app's reactive state
(`comparison`, `view`, `statement_id`, `document_focus`) and redraw themselves.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.widgets import LoadingIndicator
from textual.worker import Worker, WorkerState

from ..decisions import DecisionFile
from ..errors import VarianceError
from ..model import Comparison, Options
from ..model.decisions import Decision
from ..render.terminal import for_terminal
from .ahead import ScreensAhead, ready_styles
from .cells import widen
from .heap import QUIET, IdleCollector, settle_heap
from .paint import kind_variables, verdict_variables
from .screens import (
    ArtefactsScreen,
    CoverageScreen,
    DecisionsScreen,
    DocumentScreen,
    ExportRequest,
    ExportScreen,
    FilterScreen,
    HelpScreen,
    LoadingScreen,
    NoteScreen,
    OmissionsScreen,
    PickScreen,
    QuoteInputScreen,
    QuotesScreen,
    ReferenceScreen,
    SearchScreen,
    SplitScreen,
    StatementsScreen,
)
from .view import Lookup, SearchHit, ViewFilter
from .widgets import (
    ArtefactTable,
    CoverageTable,
    DecisionTable,
    DocumentText,
    OmissionList,
    QuoteMatches,
    QuoteTable,
    StatementDetail,
    StatementList,
)

__all__ = ["VarianceApp", "make_app", "INTERNAL_ERROR"]

INTERNAL_ERROR = 3
"""Exit code when the app ends on an error nothing caught."""
SCREENS = Binding.Group("Screens")
"""The footer shows the screen keys together; `?`, the palette and the header name them."""

DIALOGS = (ExportScreen, FilterScreen, HelpScreen, NoteScreen, PickScreen, QuoteInputScreen,
           ReferenceScreen, SearchScreen, SplitScreen)
"""The dialogs, whose widgets' styles are parsed before the first is opened (`ready_styles`)."""

_NEEDS_COMPARISON = {"switch_mode", "reference", "filter", "search", "cosmetic", "export", "help"}


class VarianceApp(App[int]):
    CSS_PATH = "variance.tcss"
    TITLE = "variance"
    MODES = {"statements": StatementsScreen, "coverage": CoverageScreen,
             "document": DocumentScreen, "artefacts": ArtefactsScreen, "quotes": QuotesScreen,
             "omissions": OmissionsScreen, "decisions": DecisionsScreen}
    BINDINGS = [  # the footer shows them in this order: quit and the screens first, so they fit at 80 columns
        Binding("question_mark", "help", "Keys", tooltip="Show every key"),
        Binding("1", "switch_mode('statements')", "Statements", group=SCREENS,
                tooltip="Statements, each version's wording side by side"),
        Binding("2", "switch_mode('coverage')", "Coverage", group=SCREENS,
                tooltip="The statement × version matrix"),
        Binding("3", "switch_mode('document')", "Document", group=SCREENS,
                tooltip="One version's text, each sentence coloured by its status"),
        Binding("4", "switch_mode('artefacts')", "Artefacts", group=SCREENS,
                tooltip="Translation and production artefacts with their evidence"),
        Binding("5", "switch_mode('quotes')", "Quotes", group=SCREENS,
                tooltip="Every direct quote, checked in every version"),
        Binding("6", "switch_mode('omissions')", "Omissions", group=SCREENS,
                tooltip="Reference statements others dropped, most telling first"),
        Binding("7", "switch_mode('decisions')", "Decisions", group=SCREENS,
                tooltip="Every decision made on this corpus, and which still apply"),
        Binding("q", "quit", "Quit", tooltip="Quit"),
        Binding("r", "reference", "Reference", tooltip="Compare every version against another one"),
        Binding("f", "filter", "Filter", tooltip="Show only changes of some kinds and severities"),
        Binding("slash", "search", "Search", tooltip="Search the text of every version"),
        Binding("c", "cosmetic", "Cosmetic", tooltip="Hide or show cosmetic changes"),
        Binding("e", "export", "Export", tooltip="Write the HTML report or JSON to a file"),
    ]

    comparison: var[Comparison | None] = var(None, always_update=True)
    """The comparison shown, every string made safe for the terminal
    (`variance.render.terminal.for_terminal`); None while loading."""
    view: var[ViewFilter] = var(ViewFilter())
    statement_id: var[int | None] = var(None)
    """The statement the statements and coverage screens are on."""
    document_focus: var[tuple[str, int] | None] = var(None)
    """(document id, offset) the document screen shows; None for the reference's start."""

    @dataclass
    class Compared(Message):
        comparison: Comparison

    @dataclass
    class Progressed(Message):
        stage: str
        done: int
        total: int

    @dataclass
    class Exported(Message):
        path: str

    @dataclass
    class Decided(Message):
        """A decision saved (or undone) and the corpus compared again around the decisions."""

        comparison: Comparison
        decisions: DecisionFile
        made: Decision | None
        undone: str | None

    def __init__(self, paths: Sequence[str] = (), options: Options = Options(), *,
                 comparison: Comparison | None = None, quiet: bool = False,
                 decisions: DecisionFile | None = None, author: str = "unknown") -> None:
        super().__init__()
        widen()                                  # typographic punctuation on Rich's fast path
        self.paths, self.options, self.quiet = list(paths), options, quiet
        self.decisions, self.author = decisions, author
        """The decisions file (read on start, saved on every decision) and who decides here."""
        self.made: list[str] = []
        """Ids of the decisions made in this session, newest last: what ctrl+z undoes."""
        self.failure: str | None = None
        """Why loading failed, for the CLI to print after the screen is gone."""
        self._given = comparison
        self._exact: Comparison | None = None
        """The comparison as computed, exact text: what an export writes."""
        self._lookup: Lookup | None = None
        self.ahead = ScreensAhead(self, self.MODES, done=self._ahead_built, dialogs={
            "help": lambda: HelpScreen(list(self.key_rows())), "filter": lambda: FilterScreen(self.view)})
        self.collector = IdleCollector()
        """Full garbage collections between keys (`heap.py`)."""
        """The screens not yet shown, built while the first is read (`ahead.py`)."""
        for mode in self.MODES:
            self._modes[mode] = partial(self.ahead.screen, mode)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **kind_variables(self.current_theme.dark),
                **verdict_variables(self.current_theme.dark)}

    @property
    def lookup(self) -> Lookup:
        """Indexes over the current comparison, rebuilt when it changes."""
        if self._lookup is None or self._lookup.comparison is not self.comparison:
            self._lookup = Lookup(self.comparison)
        return self._lookup

    def on_mount(self) -> None:
        self.collector.start()
        self.set_interval(QUIET, self.collector.tick)
        if self._given is not None:
            self.post_message(self.Compared(self._given))
            return
        self.push_screen(LoadingScreen(self.paths))
        self._load()

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False, description="compare the inputs")
    def _load(self) -> None:
        from ..pipeline import compare

        comparison = compare(self.paths, self.options, decisions=self.decisions,
                             progress=lambda *report: self.post_message(self.Progressed(*report)))
        self.post_message(self.Compared(comparison))

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False,
          description="compare against another reference")
    def _recompare(self, comparison: Comparison, reference: str) -> None:
        from ..pipeline import compare_documents

        options = replace(comparison.options, reference=reference)
        self.post_message(self.Compared(compare_documents(
            comparison.documents + comparison.unaligned, options, warnings=comparison.warnings,
            decisions=self.decisions)))

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False,
          description="work out what the screens show")
    def _warm(self, lookup: Lookup, view: ViewFilter) -> None:
        """While the first screen is read: what the other screens will ask of the comparison
        (each statement's anchor, each version's worst change under the filter, the sentence →
        statements index), so that their first visit only draws. Pure lookups, kept in
        `lookup`; a screen asking first computes the same."""
        lookup.warm(view)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False, description="export the report")
    def _export(self, comparison: Comparison, request: ExportRequest) -> None:
        """Write the report as `variance report` does: refuse inputs and folders, write atomically."""
        from ..render.report import write_report

        write_report(comparison, request.format, request.path)
        self.post_message(self.Exported(request.path))

    @property
    def exact(self) -> Comparison | None:
        """The comparison as computed (the one shown has every string made terminal-safe):
        decisions name its exact text."""
        return self._exact

    def decide(self, decision: Decision) -> None:
        """Save `decision` and compare again around every decision."""
        if self.decisions is None:
            self.notify("No decisions file to save in: give --decisions FILE.", severity="error")
            return
        self._save(self._exact, decision, None)

    def undo(self) -> None:
        """Take back the last decision made in this session."""
        if not self.made:
            self.notify("No decision made here to undo.", severity="warning", timeout=3)
            return
        self._save(self._exact, None, self.made[-1])

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False,
          description="save a decision and compare again")
    def _save(self, comparison: Comparison, decision: Decision | None, undone: str | None) -> None:
        """Write the file (merging what others saved meanwhile), then compare around it."""
        from ..decisions import save_decisions
        from ..pipeline import compare_documents

        saved = save_decisions(self.decisions.path, add=[decision] if decision else [],
                               remove=[undone] if undone else [])
        again = compare_documents(comparison.documents, comparison.options,
                                  warnings=comparison.warnings, decisions=saved)
        self.post_message(self.Decided(again, saved, decision, undone))

    @on(Decided)
    def _decided(self, message: Decided) -> None:
        self.decisions = message.decisions
        if message.made is not None:
            self.made.append(message.made.id)
        elif message.undone in self.made:
            self.made.remove(message.undone)
        report = message.comparison.decisions
        landed = next((a for a in report.decisions if message.made and a.decision.id == message.made.id), None)
        if landed is not None and landed.statements:  # before the lists refill, so they keep it
            self.statement_id = landed.statements[0]
        self._exact = message.comparison
        self.comparison = for_terminal(message.comparison)
        if self.statement_id not in self.lookup.statements:
            self.statement_id = next(iter(self.lookup.statements), None)
        self._describe()
        settle_heap()
        self._warm(self.lookup, self.view)
        what = f"{message.made.kind.value} saved" if message.made else "last decision undone"
        self.notify(f"{what} in {message.decisions.path}", title="Decisions", timeout=3)

    @on(Progressed)
    def _show_progress(self, message: Progressed) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.progress(message.stage, message.done, message.total)

    @on(Compared)
    def _show_comparison(self, message: Compared) -> None:
        first = self.comparison is None
        self._exact = message.comparison
        self.comparison = for_terminal(message.comparison)
        if self.statement_id not in self.lookup.statements:
            self.statement_id = next(iter(self.lookup.statements), None)
        self._describe()
        settle_heap()
        self._warm(self.lookup, self.view)
        if first:
            self.switch_mode("statements")
            if self.comparison.warnings and not self.quiet:
                self._warn(self.comparison.warnings)
        else:
            self.notify(f"Every version is now compared against {self.comparison.reference}.",
                        title="Reference")

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        self.notify(f"Wrote {message.path}", title="Export")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.SUCCESS and event.worker.group == "warm":
            settle_heap()          # what the screens will ask, worked out: off the collector too
            self.ahead.start(self.current_mode)
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        text = str(error) if isinstance(error, VarianceError) else f"{type(error).__name__}: {error}"
        if self.comparison is None:
            self.failure = text
            self.exit(return_code=2)
        else:
            self.notify(text, title="Error", severity="error", timeout=10)

    def _ahead_built(self) -> None:
        """Every screen built: the dialogs' styles parsed, what the screens hold frozen."""
        ready_styles(self, (*DIALOGS, CommandPalette), LoadingIndicator)
        gc.collect()
        settle_heap()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.collector.key()
        await super().on_event(event)

    async def _shutdown(self) -> None:
        await self.ahead.stop()
        self.collector.stop()
        await super()._shutdown()

    def _fatal_error(self) -> None:
        """An error nothing caught (a bug): end the app with one line for the CLI to print and
        exit code 3, not a traceback over the user's terminal."""
        error = self._exception
        what = f"{type(error).__name__}: {error}" if error is not None else "unknown error"
        self.failure = "internal error, please report it: " + " ".join(what.split())
        self._return_code = INTERNAL_ERROR
        self._close_messages_no_wait()

    def _warn(self, warnings: Sequence[str]) -> None:
        shown = list(warnings[:3]) + ([f"and {len(warnings) - 3} more"] if len(warnings) > 3 else [])
        self.notify("\n".join(shown), title="Skipped inputs", severity="warning", timeout=8)

    def _describe(self) -> None:
        c = self.comparison
        assert c is not None                     # described once compared
        shared = sum(1 for st in c.statements if len(st.members) > 1)
        self.sub_title = (f"{len(c.documents)} versions · {len(c.statements)} statements "
                          f"({shared} shared) · reference {c.reference}")
        if label := self.view.describe():
            self.sub_title += f" · {label}"
        for event in c.events:
            self.sub_title += f" · {event.document}: {event.message}"

    def watch_view(self) -> None:
        if self.comparison is not None:
            self._describe()
            self._warm(self.lookup, self.view)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that need a comparison wait for it. Within a dialog the app's keys do not reach
        the app (Textual stops the binding chain at a modal screen), so the covered screen's
        footer keeps the same keys and is not rebuilt when the dialog opens or closes."""
        if action in _NEEDS_COMPARISON:
            return self.comparison is not None
        return True

    def open_statement(self, statement_id: int) -> None:
        self.statement_id = statement_id
        self.switch_mode("statements")

    def open_document(self, document: str, offset: int) -> None:
        self.document_focus = (document, offset)
        self.switch_mode("document")

    def action_reference(self) -> None:
        def chosen(reference: str | None) -> None:
            if reference and reference != self.comparison.reference:
                self.notify(f"Comparing every version against {reference}…", title="Reference")
                self._recompare(self._exact, self._exact_id(reference))

        self.push_screen(ReferenceScreen(self.comparison), chosen)

    def _exact_id(self, shown: str) -> str:
        """The exact id of the document shown as `shown` (ids are shown terminal-safe)."""
        exact = {s.id: e.id for s, e in zip(self.comparison.documents, self._exact.documents)}
        return exact.get(shown, shown)

    def action_filter(self) -> None:
        """The filter dialog: one, made once (`ahead.py`), set to the filter shown each time."""
        def chosen(view: ViewFilter | None) -> None:
            if view is not None:
                self.view = view

        name = self.ahead.dialog("filter")
        dialog = self.get_screen(name)
        assert isinstance(dialog, FilterScreen)
        dialog.set_filter(self.view)
        self.push_screen(name, chosen)

    def action_cosmetic(self) -> None:
        self.view = replace(self.view, hide_cosmetic=not self.view.hide_cosmetic)
        self.notify("Cosmetic changes hidden." if self.view.hide_cosmetic else
                    "Cosmetic changes shown.", timeout=2)

    def action_search(self) -> None:
        def chosen(hit: SearchHit | None) -> None:
            if hit is None:
                return
            if hit.statement is not None:
                self.open_statement(hit.statement)
            else:
                self.open_document(hit.document, hit.start)

        self.push_screen(SearchScreen(self.lookup), chosen)

    def action_export(self) -> None:
        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self._export(self._exact, request)

        self.push_screen(ExportScreen(), chosen)

    def action_help(self) -> None:
        """The keys: one help screen, made once (`ahead.py`) and shown again."""
        self.push_screen(self.ahead.dialog("help"))

    def key_rows(self) -> Iterable[tuple[str, str, str]]:
        """(where, key, what) for every binding, read from the bindings themselves."""
        places: list[tuple[str, list]] = [("everywhere", self.BINDINGS)]
        places += [("statements", StatementsScreen.BINDINGS[1:]), ("statement list", StatementList.BINDINGS),
                   ("statement detail", StatementsScreen.BINDINGS[:1] + StatementDetail.BINDINGS),
                   ("coverage", CoverageTable.BINDINGS), ("document", DocumentScreen.BINDINGS
                                                          + DocumentText.BINDINGS),
                   ("artefacts", ArtefactTable.BINDINGS),
                   ("quotes", QuotesScreen.BINDINGS + QuoteTable.BINDINGS + QuoteMatches.BINDINGS),
                   ("omissions", OmissionList.BINDINGS), ("decisions", DecisionTable.BINDINGS)]
        for where, bindings in places:
            for b in bindings:
                yield where, self.get_key_display(b), b.tooltip or b.description
        yield "lists and tables", "enter", "open the statement, sentence, artefact or quote under the cursor"
        yield "quotes", "enter", "on a quote: its versions; on a passage: its document"
        yield "everywhere", self.get_key_display(Binding("ctrl+p", "")), "command palette"

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette lists the app's keys: Textual's own commands, then ours."""
        yield from super().get_system_commands(screen)
        if self.comparison is None or isinstance(screen, ModalScreen):  # not from inside a dialog
            return
        for b in self.BINDINGS:
            if b.action != "quit":
                yield SystemCommand(b.description, f"{b.tooltip} ({self.get_key_display(b)})",
                                    lambda action=b.action: self.run_action(action))


def make_app(paths: Sequence[str] = (), options: Options = Options(), *,
             comparison: Comparison | None = None, quiet: bool = False,
             decisions: DecisionFile | None = None, author: str = "unknown") -> VarianceApp:
    """The app for `variance tui`: compares `paths` in a worker, or shows `comparison` as given;
    decisions made are saved in `decisions` (a file path with what it held when read)."""
    return VarianceApp(paths, options, comparison=comparison, quiet=quiet, decisions=decisions,
                       author=author)
