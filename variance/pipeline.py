"""The one orchestration: paths or documents in, a `Comparison` out. Every view reads it.

Besides `compare` and `compare_documents`, views and commands ask a finished comparison the
questions a user types: `check_quote` (one quote in every version) and `document_quotes` (every
quote one document prints)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from .align.cluster import align_statements, choose_reference
from .collector import pauses_collector
from .coverage.events import find_other_events, separate_events
from .coverage.omissions import rank_omissions
from .decisions import DecisionFile, locate, resolve
from .diff.drift import diff_statements
from .errors import OptionError
from .model import Comparison, Document, Options, Semantic
from .model.decisions import DecisionsReport
from .parallel import Aside
from .text.segment import segment_document

if TYPE_CHECKING:
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
            memory_limit: int | None = None) -> Comparison:
    """Load `paths` (URLs, files, folders, '-') and compare the documents found, applying the
    editor's `decisions` (`variance.decisions.read_decisions`); `originals`, when given,
    receives every input's bytes by path (to save them as evidence). Before comparing, the
    memory it would need is checked against `memory_limit` bytes (None: the memory available,
    0: no limit; `variance.budget`): from the files' sizes before reading, then from the text
    loaded."""
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
                             decisions=decisions, warn=warn)


@pauses_collector
def compare_documents(documents: Sequence[Document], options: Options = Options(), *,
                      progress: Progress | None = None, warnings: tuple[str, ...] = (),
                      decisions: DecisionFile | None = None,
                      warn: Callable[[str], None] | None = None) -> Comparison:
    """Segment, align (around the editor's `decisions`), diff and inspect loaded documents;
    what the stages warn about (a sentence too long to be cut into claims) joins `warnings`
    and goes to `warn`."""
    options = replace(options, reference=resolve_reference(documents, options.reference))
    report = progress or (lambda stage, done, total: None)
    docs = []
    said: list[str] = []

    def collect(message: str) -> None:
        said.append(message)
        if warn:
            warn(message)

    for i, d in enumerate(documents):
        docs.append(segment_document(d, d.language or options.language, warn=collect)
                    if not d.sentences else d)
        if i % 50 == 49:
            report("segment", i + 1, len(documents))
    report("segment", len(documents), len(documents))
    docs, unaligned, warnings, language = _by_language(docs, options, warnings)
    if options.artefacts:  # imported only by the commands that show artefacts
        from .artefacts.detect import finish_artefacts, load_lexicons, read_artefacts
    artefacts = Aside(finish_artefacts, tuple(docs), begin=partial(read_artefacts, language=options.language),
                      prepare=partial(load_lexicons, options.language), what="artefact detection",
                      timeout=ASIDE_TIMEOUT, warn=said.append) if options.artefacts else None
    applied, constraints = resolve(decisions.decisions if decisions else (), docs)
    quotes = _quotes_aside(docs, options, said.append, ahead=True)
    try:
        others = find_other_events(docs)
        statements = align_statements(docs, replace(options, language=language), progress,
                                      constraints=constraints, warn=collect,
                                      apart=frozenset(e.document for e in others))
        statements, events = separate_events(statements, docs, others, constraints)
        reference = choose_reference(docs, statements, options.reference)
        if artefacts:    # the evidence needs the statements, not their diffs
            artefacts.give(statements)
        quotes = quotes or _quotes_aside(docs, options, said.append, ahead=False)
        if quotes:       # so does the quote check
            quotes.give(statements, reference)
        report("diff", 0, len(statements))
        statements = diff_statements(statements, docs, reference, language, warn=said.append)
        report("diff", len(statements), len(statements))
    except BaseException:
        for job in (artefacts, quotes):
            if job:
                job.cancel()
        raise
    report_ = DecisionsReport(decisions.path, decisions.sha256, locate(applied, statements)) \
        if decisions else None
    comparison = Comparison(options, tuple(docs), statements, reference, warnings=warnings,
                            decisions=report_, unaligned=unaligned, events=events)
    checked = quotes.result() if quotes else None
    found = artefacts.result() if artefacts else ()
    return replace(comparison, artefacts=found, quotes=checked, omissions=rank_omissions(comparison),
                   warnings=comparison.warnings + tuple(said))


def _quotes_aside(docs: list[Document], options: Options, warn: Callable[[str], None], *,
                  ahead: bool) -> Aside | None:
    """The corpus' quotes checked on another core, when the options ask for them: the documents
    read for them at once (`variance.quotes.read_quotes`), the check finished when the
    statements are given (none of it reads a diff, so the parent diffs meanwhile). With `ahead`,
    only when that reading may start before the statements are made (`reads_ahead`: when
    the sentence encoder would not be loaded for it), else None; without, in any case."""
    if not options.quotes:
        return None
    # imported only by the commands that check quotes
    from .quotes import finish_quotes, read_quotes, reads_ahead

    if ahead and not reads_ahead(docs, options):
        return None
    vectors = ahead and options.semantic is not Semantic.OFF
    return Aside(partial(finish_quotes, options=options), tuple(docs), begin=partial(read_quotes, vectors=vectors),
                 what="the quote check", timeout=ASIDE_TIMEOUT, warn=warn)


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
