"""Where output goes: `-o FILE` writes only a regular file, atomically; stdout errors end quietly.

`check_output` refuses, before any work, a target that is not (or would not be) a regular file
(a folder, a character or block device such as `/dev/null`, a FIFO, a socket), one of the
inputs, or an input's `.meta.json` sidecar. `write_file` writes through a temporary file in the
target's folder and renames it over the target, so the target is the old file or the whole new
one; the temporary file is removed on every way out, an error, Ctrl-C or SIGTERM included
(`terminate_on_sigterm` makes SIGTERM unwind like Ctrl-C). The exit codes for a closed stdout
(141, as tools killed by SIGPIPE report it), Ctrl-C (130) and SIGTERM (143) live here too;
`variance.cli.common.handles_errors` uses them. `end_process` ends the program once its output
is written, without taking the interpreter apart first.
"""

from __future__ import annotations

import atexit
import errno
import os
import signal
import stat
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import NoReturn

from .errors import OutputError

__all__ = ["check_output", "write_file", "inside_input_folder", "terminate_on_sigterm",
           "silence_stdout", "end_process", "Terminated", "EXIT_BROKEN_PIPE", "EXIT_INTERRUPTED", "EXIT_TERMINATED"]

EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE
"""Exit code when the reader of stdout went away: what a shell reports for `cat | head`."""
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM

_SIDECAR = ".meta.json"
_KINDS = ((stat.S_ISDIR, "is a folder; give a file name for the report"),
          (stat.S_ISCHR, "is a character device, not a regular file"),
          (stat.S_ISBLK, "is a block device, not a regular file"),
          (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
          (stat.S_ISSOCK, "is a socket, not a regular file"))


def check_output(output: str, inputs: Iterable[str]) -> None:
    """OutputError unless `output` names a regular file (existing or not) that is neither an
    input nor an input's metadata sidecar. Symbolic links are resolved first."""
    target = os.path.realpath(output)
    _check_folder(output, target)
    try:  # `output` itself: /dev/stdout on a pipe resolves to no path, but stat follows it
        mode = os.stat(output).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"{output}: cannot write there ({exc.strerror})") from None
    if mode is not None:
        for test, problem in _KINDS:
            if test(mode):
                hint = "" if test is stat.S_ISDIR else "; use -o - to write to standard output"
                raise OutputError(f"{output}: {problem}{hint}")
    for path in inputs:
        if path == "-":
            continue
        if os.path.realpath(path) == target:
            raise OutputError(f"{output}: is one of the input files; refusing to write the report over it")
        if target in _sidecars_of(path):
            raise OutputError(f"{output}: is the metadata file of the input {path}; "
                              "refusing to write the report over it")


def _sidecars_of(path: str) -> set[str]:
    """The sidecar path(s) an input file may have (`STEM.meta.json` beside it)."""
    if os.path.isdir(path):
        return set()
    real = os.path.realpath(path)
    stem = os.path.splitext(real)[0]
    return {stem + _SIDECAR, real + _SIDECAR} - {real}


def write_file(path: str, text: str) -> None:
    """Write `text` (UTF-8) to `path` through a temporary file in the same folder and a rename.
    Symbolic links are written through (the link stays, its target is replaced)."""
    target = os.path.realpath(path)
    folder = _check_folder(path, target)
    import tempfile  # here, not at start-up: it brings shutil, random, bz2 and lzma

    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {_reason(exc)}") from None
    finally:  # every way out, Ctrl-C and SIGTERM (see terminate_on_sigterm) included
        if os.path.lexists(tmp):
            os.unlink(tmp)


def _check_folder(path: str, target: str) -> str:
    """The folder `target` goes in; OutputError if there is none."""
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        shown = os.path.dirname(os.path.abspath(path))
        problem = "is a file, not a folder" if os.path.exists(shown) else "does not exist"
        raise OutputError(f"{path}: {shown} {problem}")
    return folder


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    return exc.strerror or str(exc)


def _mode_for(path: str) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (umask applied)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def inside_input_folder(output: str, inputs: Iterable[str]) -> str | None:
    """The input folder `output` lies in, if any: a later run on that folder would read it."""
    target = os.path.realpath(output)
    for path in inputs:
        if path != "-" and os.path.isdir(path):
            folder = os.path.realpath(path)
            if os.path.commonpath([folder, target]) == folder:
                return path
    return None


class Terminated(SystemExit):
    """SIGTERM, raised where the main thread is so that cleanups run; exits 143."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated(EXIT_TERMINATED)


@contextmanager
def terminate_on_sigterm() -> Iterator[None]:
    """While inside, SIGTERM unwinds the main thread (finally blocks run, temporary files go)
    instead of killing the process where it stands; the handler before is put back after, so a
    program calling a command in its own process keeps its own. Outside the main thread,
    nothing changes."""
    try:
        before = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def silence_stdout() -> None:
    """After a failed write to stdout: point it at /dev/null so that the interpreter's last
    flush at exit cannot fail again and print a second message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def end_process(code: str | int | None) -> NoReturn:
    """Exit with `code` (a `SystemExit` code) without tearing the interpreter down: the exit
    functions run (`atexit`: children stopped, temporary folders removed), stdout and stderr are
    flushed, then the process ends, skipping the freeing of every object and module one by one
    and the collector's last pass (a tenth of `variance align` on five versions, more on a large
    corpus). Where that would lose something the usual exit is taken: a code that is not a
    number (printed by Python), a thread still running, a profiler or tracer waiting to report,
    a flush that fails."""
    if not (code is None or isinstance(code, int)) or threading.active_count() > 1 \
            or sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code or 0)
