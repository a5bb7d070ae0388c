"""The one orchestration: paths or documents in, a `Comparison` out. Every view reads it.

Besides `compare` and `compare_documents`, views and commands ask a finished comparison the
questions a user types: `check_quote` (one quote in every version) and `document_quotes` (every
quote one document prints)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from .collector import pauses_collector
from .decisions import DecisionFile
from .errors import OptionError
from .model import Comparison, Document, Options, Semantic
from .model.decisions import DecisionsReport
from .parallel import Aside
from .text.segment import segment_document

if TYPE_CHECKING:
    from .model import Artefact, Statement
    from .model.quotes import CorpusQuotes
    from .quotes import check_quote, document_quotes

__all__ = ["compare", "compare_documents", "resolve_reference", "check_quote", "document_quotes", "Progress"]

ASIDE_TIMEOUT = 600.0
"""Seconds the pipeline waits for artefact detection once its own work is done; beyond it the
detection process is stopped, a warning says so, and the detection runs in this process."""
Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): called as work advances."""


@pauses_collector
def compare(paths: Sequence[str], options: Options = Options(), *,
            progress: Progress | None = None, warn: Callable[[str], None] | None = None,
            decisions: DecisionFile | None = None,
            originals: dict[str, bytes] | None = None,
            memory_limit: int | None = None, idle: Callable[[], None] | None = None) -> Comparison:
    """Load `paths` (URLs, files, folders, '-') and compare the documents found, applying the
    editor's `decisions` (`variance.decisions.read_decisions`); `originals`, when given,
    receives every input's bytes by path (to save them as evidence). Before comparing, the
    memory it would need is checked against `memory_limit` bytes (None: the memory available,
    0: no limit; `variance.budget`): from the files' sizes before reading, then from the text
    loaded. `idle` is called once if the pipeline, its own work done, waits for its other
    processes (a view loads what it will need there)."""
    from .budget import check_before, check_need, estimate
    from .load.language import wait_for_model
    from .load.paths import load_paths
    from .load.survey import survey_paths

    warnings: list[str] = []

    def collect(message: str) -> None:
        warnings.append(message)
        if warn:
            warn(message)

    check_before(survey_paths(paths, options), memory_limit)
    try:
        documents = load_paths(paths, options, warn=collect, originals=originals)
    finally:
        wait_for_model()  # a language model read ahead (`load.language.load_model_ahead`)
    check_need(estimate(documents, options), memory_limit)
    return compare_documents(documents, options, progress=progress, warnings=tuple(warnings),
                             decisions=decisions, warn=warn, idle=idle)


@pauses_collector
def compare_documents(documents: Sequence[Document], options: Options = Options(), *,
                      progress: Progress | None = None, warnings: tuple[str, ...] = (),
                      decisions: DecisionFile | None = None,
                      warn: Callable[[str], None] | None = None,
                      idle: Callable[[], None] | None = None) -> Comparison:
    """Segment, align (around the editor's `decisions`), diff and inspect loaded documents;
    what the stages warn about (a sentence too long to be cut into claims) joins `warnings`
    and goes to `warn`; `idle` as for `compare`."""
    options = replace(options, reference=resolve_reference(documents, options.reference))
    report = progress or (lambda stage, done, total: None)
    said: list[str] = []

    def collect(message: str) -> None:
        said.append(message)
        if warn:
            warn(message)

    docs = _segmented(documents, options, report, collect)
    docs, unaligned, warnings, language = _by_language(docs, options, warnings)
    # Artefact detection needs neither numpy nor the aligner: its process starts before their
    # modules are imported here, and reads the documents while they are.
    jobs = [_Inspection(options, artefacts=True, quotes=False, vectors=False)
            .aside(docs, said.append)] if options.artefacts else []
    try:
        comparison = _compared(docs, options, language, jobs, progress, collect, said.append, decisions)
        if idle is not None and not all(job.ready() for job in jobs):
            idle()
    except BaseException:
        for job in jobs:
            job.cancel()
        raise
    comparison = replace(comparison, warnings=warnings + comparison.warnings, unaligned=unaligned)
    found: tuple[Artefact, ...] = ()
    checked = None
    for job in jobs:
        artefacts, quotes = job.result()
        found, checked = found + artefacts, quotes if quotes is not None else checked
    from .coverage.omissions import rank_omissions

    return replace(comparison, artefacts=found, quotes=checked, omissions=rank_omissions(comparison),
                   warnings=comparison.warnings + tuple(said))


def _segmented(documents: Sequence[Document], options: Options, report: Progress,
               warn: Callable[[str], None]) -> list[Document]:
    """The documents, each segmented unless it is already."""
    docs = []
    for i, d in enumerate(documents):
        docs.append(segment_document(d, d.language or options.language, warn=warn) if not d.sentences else d)
        if i % 50 == 49:
            report("segment", i + 1, len(documents))
    report("segment", len(documents), len(documents))
    return docs


def _compared(docs: list[Document], options: Options, language: str, jobs: list[Aside],
              progress: Progress | None, collect: Callable[[str], None], said: Callable[[str], None],
              decisions: DecisionFile | None) -> Comparison:
    """The statements made, diffed and put in a comparison (without artefacts, quotes or
    omissions). The quote check is added to `jobs`: started here when its reading may begin
    before the statements (`_quotes_ahead`), else once they are made; every job is given the
    statements and the reference before the word diffs, which they do not read."""
    from .align.cluster import align_statements, choose_reference
    from .coverage.events import find_other_events, separate_events
    from .decisions import locate, resolve
    from .diff.drift import diff_statements

    report = progress or (lambda stage, done, total: None)
    quotes = _Inspection(options, artefacts=False, quotes=True, vectors=True)
    ahead = _quotes_ahead(docs, options)
    if ahead:
        jobs.append(quotes.aside(docs, said))
    applied, constraints = resolve(decisions.decisions if decisions else (), docs)
    others = find_other_events(docs)
    statements = align_statements(docs, replace(options, language=language), progress,
                                  constraints=constraints, warn=collect,
                                  apart=frozenset(e.document for e in others))
    statements, events = separate_events(statements, docs, others, constraints)
    reference = choose_reference(docs, statements, options.reference)
    for job in jobs:  # the evidence and the quote check need the statements, not their diffs
        job.give(statements, reference)
    if options.quotes and not ahead:
        jobs.append(replace(quotes, vectors=False).aside(docs, said, given=(statements, reference)))
    report("diff", 0, len(statements))
    statements = diff_statements(statements, docs, reference, language, warn=said)
    report("diff", len(statements), len(statements))
    report_ = DecisionsReport(decisions.path, decisions.sha256, locate(applied, statements)) \
        if decisions else None
    return Comparison(options, tuple(docs), statements, reference, decisions=report_, events=events)


def _quotes_ahead(docs: list[Document], options: Options) -> bool:
    """Whether the corpus' quotes are checked, and their reading may start before the statements
    are made (`variance.quotes.reads_ahead`); the quote check's own modules are imported where
    it runs."""
    if not options.quotes:
        return False
    from .quotes import reads_ahead

    return reads_ahead(docs, options)


@dataclass(frozen=True)
class _Inspection:
    """Artefact detection and the quote check, what the options ask of them, as one job for
    one process beside the aligner (`variance.parallel.Aside`): the documents read at once
    (`begin`), the work finished when the statements come (`finish`). The modules of both are
    imported by that process, or here when it runs here."""

    options: Options
    """The comparison's options (the language of the lexicons, the encoder's use)."""
    artefacts: bool
    """Look for artefacts."""
    quotes: bool
    """Check the corpus' quotes."""
    vectors: bool
    """Read ahead the vectors of the quotes' search that the encoder's cache holds (when the
    job starts before the aligner, unless `--semantic off`)."""

    def aside(self, docs: list[Document], warn: Callable[[str], None],
              given: tuple[tuple[Statement, ...], str | None] | None = None) -> Aside:
        """The job started on another core where it may be (`Aside`). `given`: the statements
        and the reference when they are made already, which the process then inherits (sent
        through the pipe they were pickled there and back: about half a second of both
        processes at 1,000 versions); else they come with `Aside.give`."""
        what = " and ".join(w for w, asked in (("artefact detection", self.artefacts),
                                                ("the quote check", self.quotes)) if asked)
        finish = self.finish if given is None else partial(self.finish, statements=given[0], reference=given[1])
        job = Aside(finish, tuple(docs), begin=self.begin, prepare=self.prepare if self.artefacts else None,
                    what=what, timeout=ASIDE_TIMEOUT, warn=warn)
        if given is not None:
            job.give()
        return job

    def prepare(self) -> None:
        """wordfreq's lexicons loaded (`artefacts.detect.load_lexicons`)."""
        from .artefacts.detect import load_lexicons

        load_lexicons(self.options.language)

    def begin(self, docs: tuple[Document, ...]) -> tuple[Any, Any]:
        """What the documents alone show: `read_artefacts`, `read_quotes`."""
        artefacts = quotes = None
        if self.artefacts:
            from .artefacts.detect import read_artefacts

            artefacts = read_artefacts(docs, language=self.options.language)
        if self.quotes:
            from .quotes import read_quotes

            quotes = read_quotes(docs, vectors=self.vectors and self.options.semantic is not Semantic.OFF)
        return artefacts, quotes

    def finish(self, begun: tuple[Any, Any], statements: tuple[Statement, ...], reference: str | None
               ) -> tuple[tuple[Artefact, ...], CorpusQuotes | None]:
        """The artefacts (`finish_artefacts`) and the checked quotes (`finish_quotes`)."""
        artefacts, quotes = begun
        found: tuple[Artefact, ...] = ()
        checked = None
        if self.artefacts:
            from .artefacts.detect import finish_artefacts

            found = finish_artefacts(artefacts, statements)
        if self.quotes:
            from .quotes import finish_quotes

            checked = finish_quotes(quotes, statements, reference, options=self.options)
        return found, checked


def resolve_reference(documents: Sequence[Document], requested: str | None) -> str | None:
    """The id of the document `requested` names, exactly or by a unique prefix; None stays None.
    Checked before any work, so a typo costs nothing."""
    if requested is None:
        return None
    ids = [d.id for d in documents]
    if requested in ids:
        return requested
    matches = [i for i in ids if i.startswith(requested)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise OptionError(f"--reference: {requested!r} matches {len(matches)} documents: {', '.join(matches)}")
    raise OptionError(f"--reference: no document {requested!r}; documents are: {', '.join(ids)}")


def _by_language(docs: list[Document], options: Options, warnings: tuple[str, ...]
                 ) -> tuple[list[Document], tuple[Document, ...], tuple[str, ...], str]:
    """The documents to align, those kept out (another language, with `--semantic off` only: words
    of two languages are no evidence, and only meaning links them), the warnings, and the
    comparison's language: `options.language` when a document is in it, else the commonest. A
    document whose language is unknown is aligned."""
    counts = Counter(d.language for d in docs if d.language)
    language = options.language if options.language in counts or not counts else \
        min(counts, key=lambda code: (-counts[code], code))
    if options.semantic is not Semantic.OFF:
        return docs, (), warnings, language
    aligned = [d for d in docs if not d.language or d.language == language]
    others = tuple(d for d in docs if d.language and d.language != language)
    notes = tuple(f"{d.id}: in {d.language}, the comparison in {language}: shown and segmented, "
                  "not aligned (--semantic off: words of two languages are no evidence)" for d in others)
    return aligned, others, warnings + tuple(n for n in notes if n not in warnings), language


def __getattr__(name: str) -> Any:
    """`check_quote` and `document_quotes`, imported when first asked for (the quote check is
    not loaded by commands that check no quote)."""
    if name in ("check_quote", "document_quotes"):
        from . import quotes

        return getattr(quotes, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
