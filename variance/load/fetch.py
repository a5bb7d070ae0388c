"""Web pages by URL: an `http(s)://` PATH is fetched once, politely, and kept as evidence.

One GET per URL with urllib: a User-Agent naming variance, `Accept-Encoding: identity`, no
cookies (no cookie handler is installed, so none is stored or sent), no scripts (the page is
never run: its article text is extracted as for a saved page). Redirects are followed (at most
`MAX_REDIRECTS`, only to http or https) and recorded. `TIMEOUT` bounds every wait for the
server and `DEADLINE` the whole transfer; the body may not exceed `--max-bytes`; a transfer cut
short is an error, never a partial document. The final URL, the status, the fetch time and the
content type go into the document's `Fetch` record; its sha256 is of the bytes received.

Pages are decoded by their BOM, else the charset they declare (HTTP header, then `<meta>`),
checked against the bytes: a declaration the bytes contradict (UTF-8 declared, other bytes sent;
Latin-1 declared, UTF-8 sent) is reported and the bytes win.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import time
import urllib.parse
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import Fetch
from .decode import clean_text, decode_bytes

if TYPE_CHECKING:
    import urllib.error

__all__ = [
    "DEADLINE",
    "MAX_REDIRECTS",
    "TIMEOUT",
    "Fetched",
    "fetch_url",
    "fetched_text",
    "is_url",
    "url_name",
]

TIMEOUT = 20.0
"""Seconds to wait for the server to connect or to send the next bytes."""
DEADLINE = 60.0
"""Seconds the whole transfer may take."""
MAX_REDIRECTS = 5
_CHUNK = 1 << 16
_ACCEPT = ("text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,"
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.8,"
           "*/*;q=0.1")
_KINDS = {
    "text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf",
    "text/plain": "text", "text/markdown": "text", "application/json": "json",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "message/rfc822": "eml",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_LATIN = {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "windows-1252", "cp1252",
          "us-ascii", "ascii"}


@dataclass(frozen=True)
class Fetched:
    """The bytes of one URL as received, what they are, and the record of the fetch."""

    data: bytes
    kind: str
    """'html', 'pdf', 'docx', 'eml', 'json' or 'text', from the content type (or the bytes)."""
    charset: str | None
    """The charset the HTTP header declares, if any."""
    fetch: Fetch


def is_url(path: str) -> bool:
    return path[:8].lower().startswith(("http://", "https://"))


def url_name(url: str) -> tuple[str, str]:
    """(stem, host) for a document id: the last path segment without extension, else the host."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or "url"
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last[1:] else last
    return (urllib.parse.unquote(stem) or host), host


def _redirects():
    """A redirect handler that follows at most MAX_REDIRECTS redirects, only to http(s), and
    records each hop in `hops` (urllib.request, and the network modules it brings, are imported
    only when a URL is fetched)."""
    import urllib.error
    import urllib.request

    class _Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

        def __init__(self) -> None:
            super().__init__()
            self.hops: list[str] = []

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
                raise urllib.error.HTTPError(newurl, code, "redirect refused", headers, fp)
            self.hops.append(f"{code} {newurl}")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return _Redirects()


def fetch_url(url: str, limit: int) -> Fetched:
    """GET `url` once; InputError naming it for every failure (status, timeout, size, type)."""
    import urllib.error
    import urllib.request
    from http.client import HTTPException

    from .. import __version__

    parts = urllib.parse.urlsplit(url)
    if not parts.hostname:
        raise InputError(f"{url}: not a URL with a host name")
    redirects = _redirects()
    opener = urllib.request.build_opener(redirects)
    request = urllib.request.Request(url, headers={
        "User-Agent": f"variance/{__version__} (compares versions of a news story; "
                      "one request per URL)",
        "Accept": _ACCEPT, "Accept-Encoding": "identity"})
    started = dt.datetime.now(dt.timezone.utc)
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            data = _body(response, url, limit)
            status, final, headers = response.status, response.geturl(), response.headers
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: {_http_error(exc)}") from exc
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: {_reason(exc.reason)}") from exc
    except TimeoutError as exc:
        raise InputError(f"{url}: no answer within {TIMEOUT:g} s") from exc
    except (HTTPException, OSError) as exc:
        raise InputError(f"{url}: connection failed ({type(exc).__name__}: {exc})") from exc
    data = _decompress(data, headers.get("Content-Encoding", ""), url, limit)
    content_type = headers.get_content_type() if headers.get("Content-Type") else ""
    record = Fetch(url=url, final_url=final, status=status,
                   fetched_at=started.strftime("%Y-%m-%dT%H:%M:%SZ"),
                   redirects=tuple(redirects.hops), content_type=content_type)
    return Fetched(data, _kind(content_type, data, url), headers.get_content_charset(), record)


def _body(response, url: str, limit: int) -> bytes:
    """The whole body, at most `limit` bytes, within DEADLINE; InputError otherwise."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limit:
        raise InputError(f"{url}: page is {int(length):,} bytes, over the limit of {limit:,} "
                         "(raise it with --max-bytes)")
    chunks: list[bytes] = []
    size, ends = 0, time.monotonic() + DEADLINE
    while True:
        try:
            chunk = response.read(_CHUNK)
        except TimeoutError as exc:
            raise InputError(f"{url}: stopped sending after {size:,} bytes (no data for "
                             f"{TIMEOUT:g} s); nothing loaded") from exc
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise InputError(f"{url}: page is over the limit of {limit:,} bytes "
                             "(raise it with --max-bytes)")
        if time.monotonic() > ends:
            raise InputError(f"{url}: transfer took over {DEADLINE:g} s; nothing loaded")
        chunks.append(chunk)
    return b"".join(chunks)


def _decompress(data: bytes, encoding: str, url: str, limit: int) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise InputError(f"{url}: sent in an encoding variance cannot read ({encoding})")
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32 if "gzip" in encoding else zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError(f"{url}: {encoding} body is corrupt ({exc})") from exc
    if len(out) > limit:
        raise InputError(f"{url}: page unpacks to over the limit of {limit:,} bytes "
                         "(raise it with --max-bytes)")
    return out


def _kind(content_type: str, data: bytes, url: str) -> str:
    if content_type in _KINDS:
        return _KINDS[content_type]
    head = data[:512].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    raise InputError(f"{url}: content type {content_type or 'not given'} is not a web page, "
                     "PDF, Word file or text")


def _http_error(exc: urllib.error.HTTPError) -> str:
    reason = str(exc.reason)
    if 300 <= exc.code < 400:
        if "infinite loop" in reason or "redirect error" in reason:
            return f"too many redirects or a redirect loop (HTTP {exc.code})"
        if "is not allowed" in reason or "refused" in reason:
            return f"redirect to {exc.filename} refused (only http and https are followed)"
    return f"HTTP {exc.code} {reason.splitlines()[0] if reason else ''}".rstrip()


def _reason(reason: object) -> str:
    import socket

    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {TIMEOUT:g} s"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    return f"cannot connect ({reason})"


def fetched_text(fetched: Fetched, warn: Callable[[InputError], None]) -> tuple[str, tuple[str, ...]]:
    """The text of a fetched page and notes; a charset the bytes contradict goes to `warn`."""
    url = fetched.fetch.url
    codec, warning = check_charset(fetched.data, declared_charset(fetched.data, fetched.charset))
    if warning:
        warn(InputError(f"{url}: {warning}"))
    if codec is None or fetched.data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                                 codecs.BOM_UTF16_BE)):
        text, notes = decode_bytes(fetched.data, url)
    else:
        text, notes = clean_text(fetched.data.decode(codec))
        notes = (f"decoded as {codec} (declared)",) + notes
    if not text.strip():
        raise InputError(f"{url}: page is empty")
    return text, notes + ((warning,) if warning else ())


def declared_charset(data: bytes, header: str | None) -> str | None:
    """The charset a page declares: the HTTP header's, else its `<meta>`'s; lowercased."""
    if header:
        return header.strip().lower()
    match = _META_CHARSET.search(data[:4096])
    return match[1].decode("ascii", "replace").lower() if match else None


def check_charset(data: bytes, declared: str | None) -> tuple[str | None, str | None]:
    """(codec to decode with, or None to detect; a warning when the declaration is wrong)."""
    if not declared:
        return None, None
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None, f"declares an unknown charset {declared!r}; decoded by detection"
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return None, (f"declares charset {declared} but the bytes are not {declared}; "
                      "decoded by detection")
    if declared in _LATIN and _is_utf8(data):
        return "utf-8", f"declares charset {declared} but sends UTF-8; decoded as utf-8"
    return codec, None


def _is_utf8(data: bytes) -> bool:
    """True when the bytes are valid UTF-8 and not plain ASCII."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()
