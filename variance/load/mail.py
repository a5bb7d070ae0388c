"""E-mail (.eml) body text for the loader, with Python's own `email` package.

The body is the message's plain-text part, else its HTML part (article text extracted as for a
saved page); a signature after the standard "-- " line is left out. Subject gives the title,
the sender's display name (else the address) the outlet, Date the date (ISO) and
Content-Language the language. A message with no text part is an InputError naming what it
holds instead (attachments). A base64 body is decoded here as far as it is decodable (noted
when damaged), and refused when it decodes to no text.
"""

from __future__ import annotations

import base64
import email
import email.errors
import email.policy
import email.utils
import re
import unicodedata
from email.message import EmailMessage, MIMEPart

from ..errors import InputError
from .extract import Extracted

__all__ = ["email_to_text"]

_SIGNATURE = "\n-- \n"
MAX_PARTS = 1_000
"""MIME parts a message may hold: the `email` package's parser takes about 0.35 ms of CPU a
part, so 20 MB of tiny parts would take minutes."""


def email_to_text(data: bytes, path: str) -> Extracted:
    """Body text and header fields of one message; InputError if it has no readable body."""
    _check_parts(data, path)
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except RecursionError as exc:
        raise InputError(f"{path}: e-mail parts nested too deeply to read") from exc
    except Exception as exc:  # the parser is lenient; this is a last resort
        raise InputError(f"{path}: cannot read this e-mail ({type(exc).__name__})") from exc
    assert isinstance(message, EmailMessage)
    if not any(message.get(h) for h in ("From", "Subject", "Date", "Message-ID")):
        raise InputError(f"{path}: not an e-mail message (no From, Subject or Date header)")
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        held = sorted(_held(message))
        raise InputError(f"{path}: e-mail has no text body (it holds {', '.join(held) or 'nothing'})")
    body, notes = _content(part, path)
    return Extracted(body, _fields(message), notes)


def _held(message: EmailMessage) -> set[str]:
    """The content types a message holds; a message attached (forwarded) counts as one, not as
    the parts inside it (its text/plain is not the message's body)."""
    held: set[str] = set()
    stack: list[MIMEPart] = [message]
    while stack:
        part = stack.pop()
        kind = part.get_content_type()
        if part.is_multipart() and kind != "message/rfc822":
            stack.extend(part.iter_parts())
        else:
            held.add(kind)
    return held


def _check_parts(data: bytes, path: str) -> None:
    """InputError if the message holds more than MAX_PARTS parts. A part starts at a line
    beginning with `--`; only a message with that many such lines is parsed to count them,
    with the parser's fast legacy policy (20 times faster than the default one)."""
    if data.count(b"\n--") <= MAX_PARTS:
        return
    try:
        parts = sum(1 for _ in email.message_from_bytes(data, policy=email.policy.compat32).walk())
    except RecursionError as exc:
        raise InputError(f"{path}: e-mail parts nested too deeply to read") from exc
    if parts > MAX_PARTS:
        raise InputError(f"{path}: e-mail has {parts:,} MIME parts, over the limit of {MAX_PARTS:,}")


def _content(part, path: str) -> tuple[str, tuple[str, ...]]:
    decoded = _base64_payload(part)
    damage = decoded[1] if decoded else ()
    try:
        content = part.get_content() if decoded is None else decoded[0].decode(
            part.get_content_charset() or "us-ascii")  # strict: a lying charset is detected
    except (LookupError, UnicodeError) as exc:  # an unknown or lying charset
        payload = decoded[0] if decoded else part.get_payload(decode=True)
        payload = payload if isinstance(payload, bytes) else b""
        if decoded is not None:  # random bytes are not UTF-8 either: refused before detection
            _refuse_noise(payload.decode("utf-8", errors="replace"), path)
        from .decode import decode_bytes

        content, how = decode_bytes(payload, path)
        notes = (f"e-mail charset unusable ({exc}); {how[0]}",) + how[1:] + damage
    else:
        notes = damage
    if decoded is not None:
        _refuse_noise(content, path)
    if not isinstance(content, str):
        raise InputError(f"{path}: e-mail body is not text")
    notes = ("e-mail body (" + part.get_content_type() + ")",) + notes
    if part.get_content_type() == "text/html":
        from .formats import html_to_text

        content, _, html_notes = html_to_text(content, path)
        notes += html_notes
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    cut = content.find(_SIGNATURE)
    if cut >= 0 and content[:cut].strip():
        content = content[:cut]
        notes += ("signature after “-- ” left out",)
    if not content.strip():
        raise InputError(f"{path}: e-mail body is empty")
    return content, notes


_BASE64_DEFECTS = (email.errors.InvalidBase64CharactersDefect,
                   email.errors.InvalidBase64LengthDefect,
                   email.errors.InvalidBase64PaddingDefect)
_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/=\s]")
MAX_NOISE = 0.02
"""The share of a base64 body's decoded characters that may be undecodable or control
characters: random bytes (what a text that is not base64 decodes to) give about half."""


def _base64_payload(part) -> tuple[bytes, tuple[str, ...]] | None:
    """A base64 body's bytes, decoded as far as they are decodable, and a note when it was
    damaged; None when the part is not base64 (the `email` package decodes it).

    The `email` package skips characters outside the alphabet and pads a short end, but when
    the length is impossible (one character over a multiple of four) it hands back the raw
    base64 as the body: here that last character is dropped and the rest decoded."""
    if part.get("Content-Transfer-Encoding", "").strip().lower() != "base64":
        return None
    raw = part.get_payload(decode=False)
    if not isinstance(raw, str):
        return None
    strays = len(_NOT_BASE64.findall(raw))
    letters = "".join(_NOT_BASE64.sub("", raw).split()).replace("=", "")
    usable = len(letters) - (len(letters) % 4 == 1)
    data = base64.b64decode(letters[:usable] + "=" * (-usable % 4))
    damage = [f"{strays:,} character{'s' * (strays != 1)} outside the alphabet skipped"] * bool(
        strays) + ["1 character left over at its end dropped"] * (usable < len(letters))
    if not damage and not any(isinstance(d, _BASE64_DEFECTS) for d in part.defects):
        return data, ()
    return data, (f"e-mail body's base64 is damaged ({'; '.join(damage) or 'bad padding'}): "
                  "decoded what was decodable",)


def _refuse_noise(text: str, path: str) -> None:
    """InputError when a base64 body decodes to no text: noise is never a story to compare."""
    noise = sum(1 for c in text if c == "\ufffd" or (unicodedata.category(c) == "Cc"
                                                     and c not in "\t\n\r\f"))
    if text and noise > MAX_NOISE * len(text):
        raise InputError(f"{path}: e-mail body is not valid base64: it decodes to no readable "
                         f"text ({noise / len(text):.0%} of it undecodable or control characters)")


def _fields(message: EmailMessage) -> dict[str, str]:
    fields: dict[str, str] = {}
    subject = str(message.get("Subject", "") or "").strip()
    if subject:
        fields["title"] = subject
    sender = message.get("From")
    if sender:
        name, address = email.utils.parseaddr(str(sender))
        fields["outlet"] = (name or address).strip()
    date = message.get("Date")
    if date:
        try:
            fields["date"] = email.utils.parsedate_to_datetime(str(date)).date().isoformat()
        except (TypeError, ValueError):
            pass  # an unparseable Date header says nothing reliable
    language = str(message.get("Content-Language", "") or "").split(",")[0].strip()
    if language:
        fields["language"] = language
    return {k: v for k, v in fields.items() if v}
