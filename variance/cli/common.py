"""What every command shares: the input options, building `Options`, running the comparison with
warnings and progress on stderr, and turning errors a user can fix into one line and exit 2."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
from collections.abc import Callable

import click

from ..errors import VarianceError
from ..model import Options, Semantic
from ..outputs import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    Terminated,
    silence_stdout,
    terminate_on_sigterm,
)
from ..render.terminal import json_for_terminal, terminal_line

__all__ = ["NumberRange", "SafeGroup", "fail", "say", "warn", "handles_errors", "input_options", "decision_options",
           "build_options", "run_compare", "read_decision_file", "console_for_stdout", "echo_json", "json_to_stdout",
           "save_inputs_option", "semantic_option", "chosen_semantic", "pauses_collector", "ends_with_the_command"]


class SafeGroup(click.Group):
    """The command group whose usage errors are one line, as every other error is: `variance:
    error: align: No such option: --bogus. (variance align --help)`, exit 2, where click prints
    the usage, a hint and the error on three lines. File names and values the user gave have
    their control characters made visible (`terminal_line`): click printed them raw. `--help`,
    and the group called with nothing, still print the full usage."""

    def make_context(self, *args, **kwargs):
        with _safe_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        with _safe_usage_errors():
            return super().invoke(ctx)


class _OneLineUsageError(click.UsageError):
    """A usage error shown as `variance: error: COMMAND: MESSAGE (COMMAND --help)`."""

    def show(self, file=None) -> None:
        names: list[str] = []
        ctx = self.ctx
        while ctx is not None and ctx.parent is not None:  # the root is the program's own name
            names.insert(0, ctx.info_name or "")
            ctx = ctx.parent
        where, command = self.ctx.command_path if self.ctx else "variance", " ".join(names)
        say(f"error: {command + ': ' if command else ''}{self.format_message()} "
            f"(see {where} --help)")


@contextlib.contextmanager
def _safe_usage_errors():
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        raise  # its message is the help itself
    except _OneLineUsageError:
        raise
    except click.UsageError as exc:
        raise _OneLineUsageError(exc.format_message(), exc.ctx) from exc
    except click.ClickException as exc:
        exc.message = terminal_line(exc.message)
        raise


class NumberRange(click.FloatRange):
    """A float option within bounds that also refuses nan (which every bound's comparison lets
    through: `--threshold nan` ran with no threshold at all)."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if number != number:
            self.fail(f"{value!r} is not a number.", param, ctx)
        return number


def fail(message: str, code: int = VarianceError.exit_code) -> None:
    """One line on stderr (control characters from file names or documents made visible)."""
    say(f"error: {message}")
    sys.exit(code)


def say(message: str) -> None:
    """`variance: MESSAGE` on stderr, as one safe line."""
    click.echo(f"variance: {terminal_line(message)}", err=True)


def warn(message: str) -> None:
    say(f"warning: {message}")


def handles_errors(command: Callable) -> Callable:
    """Turn the errors a user can fix into one line and exit 2, never a traceback: a closed
    stdout (`| head`) ends quietly with 141, a full disk under stdout is one line and 2, Ctrl-C
    one line and 130, SIGTERM unwinds (temporary files removed) and exits 143."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        _tolerant_streams()
        with terminate_on_sigterm():
            return _run_handled(command, args, kwargs)
    return wrapper


def _run_handled(command: Callable, args: tuple, kwargs: dict):
    try:
        result = command(*args, **kwargs)
        sys.stdout.flush()
        return result
    except VarianceError as exc:
        fail(str(exc), exc.exit_code)
    except BrokenPipeError:
        silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
    except KeyboardInterrupt:
        silence_stdout()
        fail("interrupted", EXIT_INTERRUPTED)
    except Terminated:
        silence_stdout()
        fail("terminated", EXIT_TERMINATED)
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG):
            raise
        silence_stdout()
        fail(f"cannot write to standard output: {exc.strerror}")


_ENDS_WITH_COMMAND = False


def ends_with_the_command() -> None:
    """The process ends when its command does (the program `variance`, `cli.run`): a batch
    command leaves the collector paused, with nothing left to collect for."""
    global _ENDS_WITH_COMMAND
    _ENDS_WITH_COMMAND = True


def pauses_collector(command: Callable) -> Callable:
    """Run a batch command with Python's cyclic garbage collector paused (`variance.collector`),
    imported when the command runs; on again after it, unless the process ends with it."""
    @functools.wraps(command)
    def paused(*args, **kwargs):
        from ..collector import collector_paused

        with collector_paused(restore=not _ENDS_WITH_COMMAND):
            return command(*args, **kwargs)
    return paused


def _tolerant_streams() -> None:
    """On a terminal or pipe whose encoding cannot show every character (PYTHONIOENCODING=ascii,
    LANG=C), write `\u201c` for what it cannot show instead of failing on the first curly quote."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def input_options(command: Callable | None = None, *, paths_required: bool = True) -> Callable:
    """Options shared by every command that compares documents (`@input_options`, or
    `@input_options(paths_required=False)` for a command that can get its documents elsewhere)."""
    if command is None:
        return functools.partial(input_options, paths_required=paths_required)
    decorators = [
        click.argument("paths", nargs=-1, required=paths_required),
        click.option("--reference", "-r", metavar="DOC", help="Organise statements around this document id."),
        click.option("--threshold", type=NumberRange(0.05, 0.95), default=Options().link_threshold,
                     show_default=True, help="Minimum similarity for a sentence to join a statement."),
        click.option("--max-bytes", type=click.IntRange(1), default=Options().max_bytes, show_default=True,
                     help="Largest input file accepted."),
        click.option("--strict", is_flag=True, help="Any unreadable input file is an error, not a warning."),
        click.option("--follow-links", is_flag=True, expose_value=False, callback=_remember_follow_links,
                     help="Follow symbolic links that lead out of a folder given (never into /, /proc, /sys, /dev)."),
        click.option("--quiet", "-q", is_flag=True, help="No warnings or progress on stderr."),
        click.option("--memory-limit", metavar="SIZE", expose_value=False, callback=_remember_memory_limit,
                     help="Refuse at the start, in one line, a corpus whose estimated memory exceeds "
                          "SIZE (8G, 500M; default: the memory available); 'off' goes ahead."),
        semantic_option,
    ]
    for decorate in reversed(decorators):
        command = decorate(command)
    return command


def _remember_memory_limit(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is None:
        return
    from ..budget import parse_size

    try:
        ctx.meta["variance.memory_limit"] = parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def _remember_follow_links(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta["variance.follow_links"] = value


def decision_options(command: Callable) -> Callable:
    """--decisions, for every command that applies the editor's decisions."""
    return click.option("--decisions", "decisions_file", metavar="FILE",
                        help="The editor's decisions (default: variance-decisions.toml in the "
                             "folder compared, when it exists).")(command)


def read_decision_file(paths, given: str | None, *, must_exist: bool = True):
    """The decisions file: the one given (which must exist unless `must_exist` is False), else
    `variance-decisions.toml` beside the corpus when it exists; None when there is none."""
    from ..decisions import default_path, read_decisions

    path = given or default_path(list(paths))
    if path is None:
        return None
    found = read_decisions(path)
    if found.sha256 is None and given and must_exist:
        raise click.BadParameter(f"{given}: no such decisions file", param_hint="--decisions")
    return found if found.sha256 is not None or not must_exist else None


def _keep_semantic(ctx: click.Context, _param, value: str) -> None:
    ctx.meta["variance.semantic"] = Semantic(value)


semantic_option = click.option(
    "--semantic", type=click.Choice([m.value for m in Semantic]), default=Semantic.AUTO.value,
    show_default=True, expose_value=False, callback=_keep_semantic,
    help="Meaning (an offline sentence encoder) as evidence beside the words: auto uses it only "
         "for documents in another language and sentences the words left unlinked.")


def chosen_semantic() -> Semantic:
    """The --semantic value of the running command (auto outside a command)."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get("variance.semantic", Semantic.AUTO) if ctx else Semantic.AUTO


def build_options(reference, threshold, max_bytes, strict, *, artefacts: bool = True,
                  quotes: bool = True, claims: bool = True) -> Options:
    """Options from the shared flags; a command that does not show artefacts or the corpus'
    quotes skips finding them."""
    context = click.get_current_context(silent=True)
    follow = bool(context and context.meta.get("variance.follow_links"))
    return Options(reference=reference, link_threshold=threshold, max_bytes=max_bytes, strict=strict,
                   follow_links=follow, artefacts=artefacts, quotes=quotes, semantic=chosen_semantic(),
                   claims=claims)


def save_inputs_option(command: Callable) -> Callable:
    """`--save-inputs DIR` for a command that compares through `run_compare`."""
    def remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        ctx.meta["variance.save_inputs"] = value

    return click.option(
        "--save-inputs", metavar="DIR", expose_value=False, callback=remember,
        help="Also write every input as compared (bytes read or fetched, text, a manifest of "
             "hashes, URLs and times) into DIR, a new or empty folder; DIR is itself a PATH.")(command)


def run_compare(paths, options: Options, quiet: bool, decisions=None, idle=None):
    """Load and compare (around the editor's `decisions`), with warnings and progress on stderr;
    writes the inputs as compared when the command was given --save-inputs. The language model
    is read on another thread while the pipeline's modules are imported; `idle`, if given, is
    called while the pipeline waits for its other processes (`pipeline.compare`)."""
    from ..load.language import load_model_ahead

    load_model_ahead()
    from ..pipeline import compare
    from ..render.progress import stderr_progress

    folder = click.get_current_context().meta.get("variance.save_inputs")
    if folder:
        from ..load.saved import check_folder

        check_folder(folder)
    originals: dict[str, bytes] | None = {} if folder else None
    said: list[str] = []

    def warn_user(message: str) -> None:
        said.append(message)
        warn(message)

    with stderr_progress(not quiet) as progress:
        comparison = compare(list(paths), options, warn=None if quiet else warn_user,
                             progress=progress, decisions=decisions, originals=originals,
                             memory_limit=click.get_current_context().meta.get("variance.memory_limit"),
                             idle=idle)
    if not quiet:  # what comparing had to say (a version in another language) after loading's
        for message in comparison.warnings:
            if message not in said:
                warn(message)
    if not quiet and comparison.decisions:
        _warn_decisions(comparison.decisions, warn_user)
    if folder and originals is not None:
        from ..load.saved import save_inputs

        documents = comparison.documents + comparison.unaligned
        written = save_inputs(folder, documents, originals)
        if not quiet:
            say(f"saved {len(documents)} inputs as compared in {folder} ({written} files)")
    return comparison


def _warn_decisions(report, warn: Callable[[str], None]) -> None:
    from ..model.decisions import DecisionStatus

    for status, why in ((DecisionStatus.STALE, "the text they name has changed"),
                        (DecisionStatus.OVERRIDDEN, "later decisions contradict them")):
        n = report.count(status)
        if n:
            warn(f"{report.path}: {n} {status.value} decision{'s' * (n != 1)} not applied ({why}; "
                 "variance decisions lists them)")


def console_for_stdout(*, plain: bool = False):
    """Rich on stdout; a width under 20 columns (COLUMNS=0, a tiny window) counts as 80. A
    closed pipe raises BrokenPipeError for `handles_errors` (rich itself would exit 1).

    Whether stdout is a terminal and its size are found once, here: rich would otherwise read
    the environment again for every line printed (a tenth of the text view's time). With
    `plain`, for the text view (`variance.render.text`): where rich would find no terminal,
    its `PlainConsole` of the width rich would find, without importing rich's console."""
    width = _plain_stdout_width() if plain else None
    if width is not None:
        from ..render.text import PlainConsole

        return PlainConsole(width if width >= 20 else 80)
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    found = _Console(highlight=False, soft_wrap=False, emoji=False)
    width = found.width if found.width >= 20 else 80
    return _Console(highlight=False, soft_wrap=False, emoji=False, width=width, height=found.height,
                    force_terminal=found.is_terminal)


def _plain_stdout_width() -> int | None:
    """The width rich's console on stdout would take where it would find no terminal, as rich
    finds both (`Console.is_terminal`, `Console.size`: COLUMNS when it is a number, else the
    size of the first of stdin, stdout and stderr that is a terminal, else 80); None where rich
    would find a terminal, or where it looks further than this (Windows, Jupyter, IDLE, the
    environment forcing colour or saying what the device is, a stream rich wrapped itself)."""
    import builtins

    environ, out = os.environ, sys.stdout
    if (sys.platform == "win32" or hasattr(builtins, "get_ipython") or "TTY_COMPATIBLE" in environ
            or "FORCE_COLOR" in environ or out is None or hasattr(out, "rich_proxied_file")
            or getattr(sys.stdin, "__module__", "").startswith("idlelib")):
        return None
    try:
        if out.isatty():
            return None
    except ValueError:
        pass
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def json_to_stdout() -> Callable[[bytes | str], None]:
    """A writer of JSON text (or a report's HTML) to standard output, in pieces. On a terminal
    the characters JSON leaves raw that a terminal acts on (C1 controls, bidi overrides) are
    written as `\\u` escapes (`json_for_terminal`); to a file or a pipe the bytes go as they are."""
    on_terminal = sys.stdout.isatty()

    def write(data: bytes | str) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        click.echo(json_for_terminal(raw) if on_terminal else raw, nl=False)
    return write


def echo_json(body: dict) -> None:
    from .. import __version__
    from ..render.json_out import FORMAT, dumps

    json_to_stdout()(dumps({"format": FORMAT, "variance": __version__} | body))
