"""Bytes to text for the loader: encoding detection, binary detection, mojibake repair, newlines.

`decode_bytes` turns the raw bytes of one input into the text every later offset points into,
and says what it did in short notes ("decoded as cp1252", "repaired mojibake"). The order is:
BOM (UTF-8, UTF-32, UTF-16) → UTF-16 without BOM recognised by its NUL pattern → strict UTF-8 →
charset-normalizer for legacy encodings (cp1252 and Latin-1 first among equals). Anything else
with NUL bytes or many control characters is binary. Zero-width and bidi control characters are
kept: offsets point into the text exactly as loaded.
"""

from __future__ import annotations

import codecs
import re

from variance.errors import InputError

__all__ = ["decode_bytes", "clean_text", "normalize_newlines", "repair_mojibake"]

_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
    (codecs.BOM_UTF8, "utf-8", "utf-8 (BOM)"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be (BOM)"),
)
_SIGNATURES = (
    (b"%PDF-", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (or .docx/.odt/.epub)"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
# Legacy encodings preferred when charset-normalizer finds several equally plausible ones.
_PREFERRED = (
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "cp1253",
    "cp1254", "cp1255", "cp1256", "cp1257", "gb18030", "gb2312", "big5", "shift_jis", "cp932",
    "euc_jp", "euc_kr", "cp949",
)
_CHAOS_SLACK = 0.1
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?")


def decode_bytes(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Decode one input's bytes; return the text as loaded and notes on what was done.

    Raises InputError (naming `path`) for empty, binary or undecodable input.
    """
    if not data:
        raise InputError(f"{path}: file is empty")
    text, how = _decode(data, path)
    controls = len(_CONTROL.findall(text))
    if controls > 0.05 * len(text):
        raise InputError(f"{path}: binary file (control characters), not text")
    text, notes = clean_text(text)
    if not text.strip():
        raise InputError(f"{path}: file is empty" if not text
                         else f"{path}: file contains only whitespace")
    return text, (f"decoded as {how}",) + notes


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Repair mojibake and normalise line ends; return the text and notes on what changed."""
    repaired = repair_mojibake(text)
    notes = ("repaired mojibake",) if repaired != text else ()
    return normalize_newlines(repaired), notes


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes."""
    return _NEWLINES.sub("\n", text) if "\r" in text else text


_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4]")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252/Latin-1 ("Ã©", "â€™") with ftfy; normal text is left as is."""
    if not _MOJIBAKE_LEAD.search(text):
        return text  # UTF-8 misread as cp1252/Latin-1 always shows a lead byte as Â..ô
    import ftfy  # only text that may hold mojibake pays for the import

    config = ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_encoding=True,
        restore_byte_a0=True, replace_lossy_sequences=True, decode_inconsistent_utf8=True,
        fix_c1_controls=False, fix_latin_ligatures=False, fix_character_width=False,
        uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False,
        remove_control_chars=False, normalization=None, explain=False,
    )
    return ftfy.fix_text(text, config)


def _decode(data: bytes, path: str) -> tuple[str, str]:
    for bom, codec, how in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, path, len(bom)), how
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{path}: {what}, not text; convert it to text first")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, path), f"{utf16} (no BOM, recognised by its NUL bytes)"
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _legacy(data, path)


def _strict(data: bytes, codec: str, path: str, skip: int = 0) -> str:
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot decode as {codec}: invalid bytes at offset "
                         f"{skip + exc.start}") from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL bytes sit in every other position, else None."""
    sample = data[:4096]
    if len(data) % 2 or len(sample) < 4 or b"\x00" not in sample:
        return None
    pairs = len(sample) // 2
    even = sample[0::2].count(0) / pairs
    odd = sample[1::2].count(0) / pairs
    if odd >= 0.3 and even <= 0.02:
        return "utf-16-le"
    if even >= 0.3 and odd <= 0.02:
        return "utf-16-be"
    return None


def _legacy(data: bytes, path: str) -> tuple[str, str]:
    """Decode an 8-bit or legacy multi-byte encoding with charset-normalizer's help."""
    import charset_normalizer  # only non-UTF-8 input pays for the import

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise InputError(
            f"{path}: cannot decode: not UTF-8, UTF-16 or UTF-32, and no legacy encoding fits")
    least = min(m.chaos for m in matches)
    plausible = [m for m in matches if m.chaos <= least + _CHAOS_SLACK]
    best = min(plausible, key=_preference)
    for name in (_preferred_name(best), best.encoding):
        try:
            return data.decode(name), f"{name} (detected by charset-normalizer)"
        except UnicodeDecodeError:
            continue
    return str(best), f"{best.encoding} (detected by charset-normalizer)"


def _preference(match) -> int:
    names = [match.encoding, *match.could_be_from_charset]
    return min((_PREFERRED.index(n) for n in names if n in _PREFERRED), default=len(_PREFERRED))


def _preferred_name(match) -> str:
    rank = _preference(match)
    return _PREFERRED[rank] if rank < len(_PREFERRED) else match.encoding
