"""The hostile cases: one table, each case a generator of inputs and what variance must do.

`tests/test_hostile.py` runs every case in a subprocess and checks its exit code, its message,
that no input changed, and its budget (CPU seconds and peak memory, measured by the kernel for
the whole process tree). The table in `docs/robustness.md` between the `hostile cases` markers
is generated from `CASES`; the test fails when they differ. Regenerate it with

    python tests/hostile.py --write-docs
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DOCS = ROOT / "docs" / "robustness.md"
BEGIN = "<!-- hostile cases: generated from tests/hostile.py, checked by tests/test_hostile.py -->"
END = "<!-- end of hostile cases -->"
SEED = sorted(SEEDS.glob("*.txt"))[1]  # the Foreign Ministry readout
SECRET = "The launch code is kept in the blue folder."


@dataclass(frozen=True)
class Run:
    """One invocation: `variance ARGV...` in the case's folder."""

    argv: list[str]
    stdin: bytes = b""
    env: dict[str, str] = field(default_factory=dict)
    stdout: str = "pipe"
    """'pipe' (kept), 'full' (/dev/full: a full disk), or 'close:N' (closed after N bytes)."""
    signal_after: tuple[int, float] | None = None
    """(signal, seconds): sent once the run has used that much CPU time."""


@dataclass(frozen=True)
class Case:
    """A hostile input and what variance must do with it."""

    name: str
    area: str
    given: str
    """What was tried, for the docs."""
    make: Callable[[Path], Run]
    code: int
    """Expected exit code."""
    says: str
    """A regular expression stderr must match ('' for an empty stderr)."""
    does: str
    """What variance does, for the docs."""
    cpu: float = 10.0
    """CPU seconds at most (user + system, the whole process tree)."""
    mb: int = 300
    """Peak resident memory at most, in MB."""
    check: Callable[[bytes, Path], str | None] | None = None
    """Further check on stdout: None if fine, else what is wrong."""


def _seed_copy(folder: Path, name: str = "story.txt", seed: Path = SEED) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    target.write_bytes(seed.read_bytes())
    return target


def _lacks(text: str) -> Callable[[bytes, Path], str | None]:
    return lambda out, _: f"stdout holds {text!r}" if text.encode() in out else None


def _holds(text: bytes) -> Callable[[bytes, Path], str | None]:
    return lambda out, _: None if text in out else f"stdout lacks {text!r}"


def _no_escape(out: bytes, _: Path) -> str | None:
    return "stdout holds an ESC or C1 byte" if re.search(rb"\x1b|\xc2[\x80-\x9f]", out) else None


def _json_with(pattern: str) -> Callable[[bytes, Path], str | None]:
    def check(out: bytes, _: Path) -> str | None:
        try:
            json.loads(out.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            return f"stdout is not UTF-8 JSON: {exc}"
        return None if re.search(pattern, out.decode("utf-8")) else f"JSON lacks {pattern!r}"
    return check


# -- inputs ------------------------------------------------------------------------------------

def links_out(tmp: Path, follow: bool = False) -> Run:
    corpus = tmp / "corpus"
    _seed_copy(corpus)
    (tmp / "secret").mkdir()
    (tmp / "secret" / "plan.txt").write_text(SECRET + " " + SEED.read_text(encoding="utf-8")[:400])
    os.symlink("../secret", corpus / "notes")
    os.symlink("/etc/passwd", corpus / "x.txt")
    return Run(["align", "--json", "corpus"] + (["--follow-links"] if follow else []))


def links_system(tmp: Path) -> Run:
    corpus = tmp / "corpus"
    _seed_copy(corpus)
    for name, target in (("root", "/"), ("self", "/proc/self"), ("zero.txt", "/dev/zero")):
        os.symlink(target, corpus / name)
    return Run(["align", "corpus"])


def fifo_inside(tmp: Path) -> Run:
    _seed_copy(tmp / "corpus")
    os.mkfifo(tmp / "corpus" / "pipe.txt")
    return Run(["align", "corpus"])


def many_files(tmp: Path) -> Run:
    corpus = tmp / "corpus"
    corpus.mkdir()
    for i in range(12_000):
        os.close(os.open(corpus / f"{i:06d}.txt", os.O_CREAT | os.O_WRONLY, 0o644))
    return Run(["align", "corpus"])


def surrogates(tmp: Path) -> Run:
    record = ('{"text": "The minister spoke \\ud800 today. Then he left \\udfff the hall.", '
              '"title": "Half \\ud83d a pair"}')
    (tmp / "s.json").write_text(record, encoding="ascii")
    return Run(["align", "--json", "s.json"])


def undecodable_name(tmp: Path) -> Run:
    _seed_copy(tmp / "corpus")
    (tmp / "corpus").joinpath(os.fsdecode(b"caf\xe9.txt")).write_bytes(SEED.read_bytes()[:900])
    return Run(["align", "--json", "corpus"])


def deep_sidecar(tmp: Path) -> Run:
    _seed_copy(tmp / "corpus")
    (tmp / "corpus" / "story.meta.json").write_text("[" * 100_000 + "]" * 100_000)
    return Run(["align", "corpus"])


def non_utf8_argv(tmp: Path) -> Run:
    _seed_copy(tmp / "corpus")
    return Run(["quote", os.fsdecode(b"mutual \xff respect"), "corpus"])


# -- outputs -----------------------------------------------------------------------------------

def output_to(target: str) -> Callable[[Path], Run]:
    def make(tmp: Path) -> Run:
        _seed_copy(tmp / "corpus")
        if target == "fifo":
            os.mkfifo(tmp / "out.html")
        return Run(["report", "corpus", "-o", "out.html" if target == "fifo" else target])
    return make


def output_sidecar(tmp: Path) -> Run:
    _seed_copy(tmp / "corpus")
    (tmp / "corpus" / "story.meta.json").write_text('{"outlet": "Ministry"}')
    return Run(["report", "corpus", "-o", "corpus/story.meta.json"])


def stdout_full(tmp: Path) -> Run:
    _seed_copy(tmp / "corpus")
    return Run(["align", "corpus"], stdout="full")


def stdout_closed(tmp: Path) -> Run:
    for seed in sorted(SEEDS.glob("*.txt")):
        _seed_copy(tmp / "corpus", seed.name, seed)
    # the seeds' 200 KB of JSON: more than a pipe holds, so the program is still writing when
    # the reader closes (the one seed's 7 KB of text could all be written before it did)
    return Run(["align", "--json", "corpus"], stdout="close:100")


def signalled(sig: int) -> Callable[[Path], Run]:
    def make(tmp: Path) -> Run:
        _prose(tmp / "corpus" / "long.txt", 300_000)
        _seed_copy(tmp / "corpus")
        return Run(["report", "corpus", "-o", "out.html"], signal_after=(sig, 1.5))
    return make


# -- the terminal ------------------------------------------------------------------------------

HOSTILE_TEXT = ("The minister \x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07 said the talks were "
                "\x1b]0;pwned\x07 useful and \x1b[31mconstructive\x1b[0m, and \x9b31m more. ")


def escapes(as_json: bool) -> Callable[[Path], Run]:
    def make(tmp: Path) -> Run:
        story = _seed_copy(tmp / "corpus")
        story.write_text(HOSTILE_TEXT + story.read_text(encoding="utf-8"), encoding="utf-8")
        _seed_copy(tmp / "corpus", "evil\x1b]0;title\x07.txt")
        return Run(["align", "corpus"] + (["--json"] if as_json else []))
    return make


def decisions_escapes(tmp: Path) -> Run:
    import hashlib

    story = _seed_copy(tmp / "corpus")
    text = story.read_text(encoding="utf-8")
    start = text.index("On the afternoon")
    (tmp / "corpus" / "variance-decisions.toml").write_text(
        'format = 1\n\n[[decision]]\nid = "d1\\u001b]0;title\\u0007"\nkind = "note"\n'
        'author = "ana\\u001b[31m\\u009b31m"\ntime = 2026-04-27 09:30:00+00:00\n'
        'note = "see \\u001b]52;c;ZXZpbA==\\u0007 here"\n\n[[decision.span]]\nrole = "statement"\n'
        f'document = "story"\nsha256 = "{hashlib.sha256(story.read_bytes()).hexdigest()}"\n'
        f'start = {start}\nend = {start + 40}\ntext = "{text[start:start + 40]}"\n', encoding="utf-8")
    return Run(["decisions", "corpus"])


def environment(**env: str) -> Callable[[Path], Run]:
    def make(tmp: Path) -> Run:
        _seed_copy(tmp / "corpus")
        return Run(["align", "corpus"], env=env)
    return make


# -- the engine --------------------------------------------------------------------------------

def stingy(tmp: Path) -> Run:
    (tmp / "q.txt").write_text('He called himself "stingy with a capital S". Mr. S\u2009. Next one.\n'
                               "A word\u00a0. Another\u3000. End.\n", encoding="utf-8")
    return Run(["align", "q.txt"])


def repeated(tmp: Path) -> Run:
    (tmp / "rep.txt").write_text("The minister said that the talks were constructive and useful.\n" * 10_000)
    return Run(["align", "-q", "rep.txt"])


def endless(tmp: Path) -> Run:
    words = ("partners", "and", "rivals", "the", "talks", "went", "on", "while", "both", "sides")
    (tmp / "endless.txt").write_text(" ".join(words[i % len(words)] for i in range(50_000)) + ".\n")
    return Run(["align", "endless.txt"])


def unpunctuated(tmp: Path) -> Run:
    """6 MB of the seeds' words in one line with no sentence end, beside a seed."""
    words = re.findall(r"[A-Za-z']+", " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")))
    rng = random.Random(11)
    line = " ".join(rng.choice(words) for _ in range(1_000_000))[:6_000_000]
    _seed_copy(tmp / "corpus")
    (tmp / "corpus" / "flat.txt").write_text(line + "\n", encoding="utf-8")
    return Run(["align", "--json", "corpus"])


def semicolons(tmp: Path) -> Run:
    listy = "; ".join(f"the ministry said item number {i} was agreed by both sides" for i in range(2_000))
    (tmp / "semi.txt").write_text(";" * 20_000 + "\n\n" + listy + ".\n")
    return Run(["align", "semi.txt"])


def _prose(path: Path, size: int) -> None:
    words = re.findall(r"[A-Za-z']+", " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")))
    rng, out, n = random.Random(7), [], 0
    while n < size:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))).capitalize() + "."
        out.append(sentence + ("\n" if rng.random() < 0.25 else " "))
        n += len(sentence) + 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(out), encoding="utf-8")


def prose(tmp: Path) -> Run:
    _prose(tmp / "prose.txt", 1_000_000)
    return Run(["align", "-q", "prose.txt"])


def prose_beside(tmp: Path) -> Run:
    """1 MB of prose beside a seed: meaning ranks its unlinked sentences against every statement."""
    _seed_copy(tmp / "corpus")
    _prose(tmp / "corpus" / "prose.txt", 1_000_000)
    return Run(["align", "-q", "--json", "corpus"])


def attributes(tmp: Path) -> Run:
    attrs = " ".join(f'a{i}="{i}"' for i in range(200_000))
    (tmp / "a.html").write_text(f"<html><body><p {attrs}>The talks were useful. Both sides agreed."
                                "</p></body></html>")
    return Run(["align", "--json", "a.html"])


def front_matter(tmp: Path) -> Run:
    lines = "".join(f"key{i}: value {i}\n" for i in range(100_001))
    (tmp / "fm.txt").write_text("---\n" + lines + "The talks were useful.\n")
    return Run(["align", "fm.txt"])


def _docx(path: Path, body: bytes) -> None:
    """A Word file made by python-docx whose body is replaced by `body` (paragraphs' XML)."""
    import zipfile

    import docx

    base = path.with_suffix(".base.docx")
    docx.Document().save(base)
    with zipfile.ZipFile(base) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    base.unlink()
    namespace = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    parts["word/document.xml"] = (b'<?xml version="1.0"?><w:document ' + namespace + b"><w:body>" + body
                                  + b"</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)


def word_paragraphs(tmp: Path) -> Run:
    _docx(tmp / "long.docx", b"<w:p><w:r><w:t>The talks were useful.</w:t></w:r></w:p>" * 300_000)
    return Run(["align", "long.docx"])


def mail_parts(tmp: Path) -> Run:
    parts = "".join(f"--z\nContent-Type: text/plain\n\nPart {i}.\n" for i in range(50_000))
    (tmp / "parts.eml").write_text('From: desk@wire.example\nContent-Type: multipart/mixed; boundary="z"\n\n'
                                   + parts + "--z--\n")
    return Run(["align", str(SEED), "parts.eml"])


def mail_nested(tmp: Path) -> Run:
    message = "Content-Type: text/plain\n\nThe talks were useful.\n"
    for i in range(2_000):
        message = f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n{message}\n--b{i}--\n'
    (tmp / "deep.eml").write_text("From: desk@wire.example\nSubject: Talks\n" + message)
    return Run(["align", str(SEED), "deep.eml"])


def mail_forwarded(tmp: Path) -> Run:
    (tmp / "fwd.eml").write_text('From: desk@wire.example\nSubject: Fwd\nContent-Type: multipart/mixed; '
                                 'boundary="z"\n\n--z\nContent-Type: message/rfc822\n\nFrom: b@x\n'
                                 "Content-Type: text/plain\n\nThe talks were useful.\n--z--\n")
    return Run(["align", "fwd.eml"])


def db_fifo(tmp: Path) -> Run:
    os.mkfifo(tmp / "news.duckdb")
    return Run(["trace", "The talks were useful", "--db", "news.duckdb"])


def reuse_to_fifo(tmp: Path) -> Run:
    import duckdb

    duckdb.connect(str(tmp / "news.duckdb")).close()
    os.mkfifo(tmp / "clusters.parquet")
    return Run(["reuse", "--db", "news.duckdb", "-o", "clusters.parquet"])


def pdf_bomb(tmp: Path) -> Run:
    """One page whose content stream, 390 KB packed, unpacks to 400 MB (mostly spaces)."""
    import zlib

    packed = zlib.compress(b"BT /F1 12 Tf 72 720 Td (The talks were useful.) Tj ET\n" + b" " * 400_000_000, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    (tmp / "bomb.pdf").write_bytes(out + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return Run(["align", "bomb.pdf"])


def over_memory(tmp: Path) -> Run:
    corpus = tmp / "corpus"
    corpus.mkdir()
    text = SEED.read_bytes() * 20   # about 110 KB a version
    for i in range(200):
        (corpus / f"v{i:03d}.txt").write_bytes(text)
    return Run(["report", "corpus", "-o", "out.html", "--memory-limit", "1G"])


def _nothing_written(out: bytes, tmp: Path) -> str | None:
    return "out.html was written" if (tmp / "out.html").exists() else None


def huge_limit(tmp: Path) -> Run:
    _seed_copy(tmp / "corpus")
    return Run(["align", "-q", "--max-bytes", "30000000000", "corpus/story.txt"])


CASES: list[Case] = [
    Case("link-out", "input", "a folder with links leaving it: `notes -> ../secret`, `x.txt -> /etc/passwd`",
         links_out, 0, r"notes: symbolic link to .*outside corpus; skipped \(--follow-links reads it\)",
         "each link skipped with a warning naming it and its target; nothing outside is read",
         check=lambda out, _: "secret or /etc/passwd read" if SECRET.encode() in out or b"root:x:" in out else None),
    Case("follow-links", "input", "the same with `--follow-links`",
         lambda tmp: links_out(tmp, follow=True), 0, r".*",
         "the targets are read", check=_holds(SECRET.encode())),
    Case("link-system", "input", "links inside a folder to `/`, `/proc/self`, `/dev/zero`",
         links_system, 0, r"root: symbolic link to /; never followed; skipped",
         "never followed, even with `--follow-links`; a warning names each"),
    Case("fifo-inside", "input", "a FIFO named `pipe.txt` inside a folder", fifo_inside, 0,
         r"pipe\.txt: a named pipe \(FIFO\), not a regular file; skipped", "skipped with a warning, never opened"),
    Case("root", "input", "`/` as a PATH", lambda tmp: Run(["align", "/"]), 2,
         r"^variance: error: /: refusing to read the whole file system", "error before anything is read"),
    Case("proc", "input", "`/proc/self` as a PATH", lambda tmp: Run(["align", "/proc/self"]), 2,
         r"refusing to read the system folder /proc/", "error before anything is read"),
    Case("device", "input", "`/dev/zero` as a PATH", lambda tmp: Run(["align", "/dev/zero"]), 2,
         r"/dev/zero: a character device, not a regular file", "error; nothing read"),
    Case("many-files", "input", "a folder of 12,000 empty files (200,000 behave the same)", many_files, 2,
         r"corpus: more than 10,000 files to read; a run reads at most 10,000", "error before any file is read",
         cpu=20),
    Case("surrogates", "input", "JSON whose text and title hold lone surrogates (`\\ud800`)", surrogates, 0,
         r"", "each becomes U+FFFD; note `2 lone surrogates (invalid UTF-16) replaced by U+FFFD`",
         check=_json_with(r"lone surrogates \(invalid UTF-16\) replaced")),
    Case("file-name", "input", "a file name with an invalid UTF-8 byte (`caf\\xe9.txt`)", undecodable_name, 0,
         r"", "loads; id and path show the byte as `\\xe9`", check=_json_with(r'"id": "caf\\\\xe9"')),
    Case("deep-sidecar", "input", "a sidecar `.meta.json` nested 100,000 levels deep", deep_sidecar, 0,
         r"story\.meta\.json: JSON nested too deeply to read; metadata ignored", "warning; the document loads"),
    Case("argv", "input", "a quote argument with an invalid UTF-8 byte", non_utf8_argv, 0, r"",
         "the byte is read as U+FFFD; the quote is looked for"),
    Case("memory-limit", "input", "200 versions of 108 KB each (20.6 MB) with `report --memory-limit 1G`",
         over_memory, 2, r"200 files \(20\.6 MB, at least 21\.6 million characters\) would need at least "
         r"5\.3 GB of memory and 4 min of CPU; --memory-limit 1\.0 GB: not started",
         "error at the start, from the files' sizes and 8 of them read: nothing else is read, nothing "
         "written", cpu=5, check=_nothing_written),
    Case("max-bytes", "input", "`--max-bytes 30000000000` on a small file", huge_limit, 0, r"",
         "loads; memory as for the default (reads in 1 MB chunks, nothing allocated up front)"),
    Case("threshold-nan", "option", "`--threshold nan` (and `--min-cover nan` for reuse)",
         lambda tmp: Run(["align", str(SEED), "--threshold", "nan"]), 2,
         r"Invalid value for '--threshold': 'nan' is not a number",
         "refused as for a number out of range (nan passed every bound's check: the run went ahead "
         "with no threshold)"),
    Case("db-fifo", "input", "`--db` naming a FIFO (trace, index, reuse, report --cluster)", db_fifo, 2,
         r"news\.duckdb: is a named pipe \(FIFO\), not an index file",
         "error at once, the FIFO never opened (DuckDB waited on it for ever)"),
    Case("db-device", "input", "`index --db /dev/null` (or any device)",
         lambda tmp: Run(["index", str(SEEDS), "--db", "/dev/null"]), 2,
         r"/dev/null: is a character device, not an index file",
         "error before the device is opened (DuckDB wrote its header to it, then failed to fsync)"),
    Case("db-no-folder", "input", "`index --db` in a folder that does not exist",
         lambda tmp: Run(["index", str(SEEDS), "--db", "nowhere/news.duckdb"]), 2,
         r"nowhere/news\.duckdb: .*/nowhere does not exist",
         "error naming the folder (it said `not a variance archive index (IO Error: ...)`)"),
    Case("o-null", "output", "`-o /dev/null`", output_to("/dev/null"), 2,
         r"/dev/null: is a character device, not a regular file; use -o - to write to standard output",
         "error before any work; the device is untouched"),
    Case("o-full", "output", "`-o /dev/full`", output_to("/dev/full"), 2,
         r"/dev/full: is a character device", "error before any work"),
    Case("o-dev-stdout", "output", "`-o /dev/stdout` with standard output a pipe", output_to("/dev/stdout"), 2,
         r"/dev/stdout: is a named pipe \(FIFO\), not a regular file; use -o - to write to standard output",
         "error before any work (the pipe's link resolves to no path: the report was made, then "
         "`cannot write in /proc/PID/fd`)"),
    Case("o-fifo", "output", "`-o` naming a FIFO", output_to("fifo"), 2,
         r"out\.html: is a named pipe \(FIFO\), not a regular file", "error; the FIFO stays a FIFO"),
    Case("reuse-o-fifo", "output", "`reuse -o` naming a FIFO", reuse_to_fifo, 2,
         r"clusters\.parquet: is a named pipe \(FIFO\), not a regular file",
         "error before the index is read, as for `report -o` (DuckDB waited on the FIFO for ever)"),
    Case("o-sidecar", "output", "`-o` naming an input's `.meta.json`", output_sidecar, 2,
         r"corpus/story\.meta\.json: is the metadata file of the input", "error; the sidecar is unchanged"),
    Case("stdout-full", "output", "standard output on a full disk (`> /dev/full`)", stdout_full, 2,
         r"^variance: error: cannot write to standard output: No space left on device\n$", "one line, exit 2"),
    Case("stdout-closed", "output", "standard output closed early (`align --json seeds/` piped into `head -c 100`)", stdout_closed, 141,
         r"", "quiet exit 141, as tools killed by SIGPIPE report"),
    Case("ctrl-c", "output", "Ctrl-C (SIGINT) while a report is being made", signalled(signal.SIGINT), 130,
         r"^variance: error: interrupted\n$", "one line, exit 130; no report and no temporary file left",
         cpu=60, check=lambda out, tmp: "a file was written" if any(tmp.glob("*out.html*")) else None),
    Case("sigterm", "output", "SIGTERM while a report is being made", signalled(signal.SIGTERM), 143,
         r"^variance: error: terminated\n$", "one line, exit 143; no report and no temporary file left",
         cpu=60, check=lambda out, tmp: "a file was written" if any(tmp.glob("*out.html*")) else None),
    Case("escapes-text", "terminal", "OSC 52 (clipboard), OSC 0 (title), colour codes and C1 CSI in a "
         "document and in a file name; text view", escapes(False), 0, r"",
         "shown with visible stand-ins (`␛]52;c;…␇`); no ESC or C1 byte reaches stdout", check=_no_escape),
    Case("escapes-json", "terminal", "the same with `--json`", escapes(True), 0, r"",
         "JSON keeps the exact text (`\\u001b]52;c;…`)", check=_json_with(r"\\u001b\]52;c;")),
    Case("decisions-escapes", "terminal", "a decisions file whose id, author and note hold OSC 0, OSC 52, "
         "colour codes and C1 CSI; `variance decisions`", decisions_escapes, 0, r"",
         "shown with visible stand-ins (the listing wrote them raw)", check=_no_escape),
    Case("usage-error", "terminal", "a `--decisions` file name (or a folder for `decisions`, a `--from` "
         "file for `trace`) holding OSC 0 that does not exist",
         lambda tmp: Run(["align", str(SEED), "--decisions", "zz\x1b]0;title\x07.toml"]), 2,
         r"^variance: error: align: Invalid value for --decisions: zz␛\]0;title␇\.toml: no such "
         r"decisions file \(see (python -m )?variance align --help\)$",
         "one line, the name with visible stand-ins (it reached the terminal raw, after click's "
         "usage and hint)"),
    Case("usage-unknown-option", "terminal", "an option no command has (`align --jsn`)",
         lambda tmp: Run(["align", str(SEED), "--jsn"]), 2,
         r"^variance: error: align: No such option '--jsn'\. Did you mean '--json'\? "
         r"\(see (python -m )?variance align --help\)$",
         "one line naming the option (click printed its usage, a hint and the error on four lines)",
         check=lambda out, _: "stdout is not empty" if out else None),
    Case("tui-no-terminal", "terminal", "`variance tui` with standard input, output and error pipes",
         lambda tmp: Run(["tui", str(SEED)]), 2,
         r"^variance: error: tui needs a terminal: standard input, or both standard output and error, are not one",
         "one line at once (the screen's escape codes were written to the pipe and the program waited "
         "for keys that never came)"),
    Case("ascii", "terminal", "`PYTHONIOENCODING=ascii` and curly quotes", environment(PYTHONIOENCODING="ascii"),
         0, r"", "characters the encoding lacks written as `\\u201c`", check=_holds(b"\\u201c")),
    Case("columns", "terminal", "`COLUMNS=0`", environment(COLUMNS="0"), 0, r"",
         "printed at 80 columns", check=_holds(b"Blinken")),
    Case("stingy", "engine", "`\"stingy with a capital S\".` and other multi-byte spaces before a full stop",
         stingy, 0, r"", "split into sentences (sentencex's native code used to panic)"),
    Case("repeated", "engine", "one sentence repeated 10,000 times", repeated, 0, r"",
         "aligned in about 4 s CPU and under 100 MB (was 2.5 GB)", cpu=40),
    Case("endless", "engine", "one sentence of 50,000 words", endless, 0,
         r"endless\.txt: 1 sentence\(s\) over 1,500 characters with no sentence end, read in pieces",
         "read as sentences of at most 1,500 characters cut at clauses or spaces, with a warning saying so",
         cpu=40),
    Case("unpunctuated", "engine", "a 6 MB file that is one line with no sentence end, beside a seed",
         unpunctuated, 2, r"^variance: error: .*flat\.txt: over 300,000 characters with no sentence end, "
         r"the limit for one document \(add sentence ends or split it into several files\)$",
         "one line at once (it was read in 4,000 pieces of 1,500 characters, each sharing words with "
         "every other: 31 s of CPU and 1.5 GB); 300,000 such characters beside a seed take 2 s and 290 MB",
         check=lambda out, _: "stdout is not empty" if out else None),
    Case("semicolons", "engine", "20,000 semicolons, then 2,000 clauses joined by semicolons", semicolons, 0,
         r"semi\.txt: \d+ sentence\(s\) too long or with too many parts to be cut into claims",
         "aligned whole, with a warning that cutting gave up", cpu=40),
    Case("prose", "engine", "1 MB of prose in one document (9,000 sentences)", prose, 0, r"",
         "aligned under 300 MB (was 1.6 GB)", cpu=90),
    Case("prose-beside", "engine", "1 MB of prose (9,000 sentences) beside a seed", prose_beside, 0, r"",
         "aligned in about 10 s of CPU and 250 MB with the sentence vectors cached, 25 s and 380 MB without (was "
         "32-69 s and 1.9 GB: meaning ranked every unlinked sentence against every statement, its own "
         "document's unlinked sentences too, in matrices of 9,000 x 9,000)", cpu=60, mb=500),
    Case("attributes", "engine", "an HTML element with 200,000 attributes", attributes, 0, r"",
         "tags stripped instead of article extraction; note says why",
         cpu=40, check=_json_with(r"200,000 attributes, over the limit of 1,000")),
    Case("docx-paragraphs", "input", "a Word file of 300,000 short paragraphs (16 MB of XML, under "
         "`--max-bytes`)", word_paragraphs, 2,
         r"long\.docx: more than 20,000 sentences, the limit for one document",
         "error naming the limit, in seconds (each paragraph's style was looked up among all the "
         "document's styles: over ten minutes); the parsed XML is most of the memory", cpu=40, mb=450),
    Case("pdf-bomb", "input", "a 390 KB PDF whose one content stream unpacks to 400 MB", pdf_bomb, 2,
         r"bomb\.pdf: PDF unpacks to more than 20,000,000 bytes of text streams, over the limit \(raise it "
         r"with --max-bytes\)", "error in about a second, the streams unpacked in pieces only up to "
         "the limit (pdfminer unpacked it whole: 850 MB; 20 MB of such a PDF, tens of GB)", cpu=10, mb=300),
    Case("eml-parts", "input", "an e-mail of 50,000 tiny MIME parts (1.2 MB)", mail_parts, 0,
         r"parts\.eml: e-mail has 50,001 MIME parts, over the limit of 1,000$",
         "skipped with a warning, in about a second (the `email` parser took 18 s of CPU; 20 MB "
         "of parts would take minutes)"),
    Case("eml-nested", "input", "an e-mail of multiparts nested 2,000 deep", mail_nested, 0,
         r"deep\.eml: e-mail parts nested too deeply to read$",
         "skipped with a warning (the message was `cannot read this e-mail (RecursionError)`)"),
    Case("eml-forwarded", "input", "an e-mail whose only part is a forwarded message (`message/rfc822`)",
         mail_forwarded, 2, r"fwd\.eml: e-mail has no text body \(it holds message/rfc822\)",
         "error naming the forwarded message (it said `it holds text/plain`, the part inside it)"),
    Case("front-matter", "engine", "an unclosed front-matter block of 100,001 lines", front_matter, 2,
         r"fm\.txt: more than 20,000 sentences, the limit for one document", "error naming the limit",
         cpu=60),
]


def docs_table() -> str:
    """The Markdown table of `CASES` for docs/robustness.md."""
    rows = ["| area | case tried | what variance does | exit | budget |",
            "| --- | --- | --- | --- | --- |"]
    for c in CASES:
        said = c.says.strip("^$").replace("\\n", "").replace(chr(92), "")
        message = f"; says `{said}`" if c.says not in ("", ".*") else ""
        message = message.replace("|", "\\|")
        rows.append(f"| {c.area} | {c.given} | {c.does}{message} | {c.code} | {c.cpu:g} s CPU, {c.mb} MB |")
    return "\n".join(rows)


def write_docs() -> None:
    text = DOCS.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    DOCS.write_text(text[:start] + "\n" + docs_table() + "\n" + text[end:], encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write-docs"]:
        write_docs()
    else:
        print(docs_table())
