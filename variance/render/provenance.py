"""What every view says about where a document came from, worded once for all of them."""

from __future__ import annotations

from ..model import Document

__all__ = ["fetched_line", "source_line"]


def fetched_line(doc: Document) -> str | None:
    """'fetched FINAL (HTTP 200, redirected from URL) at TIME' for a URL, else None."""
    fetch = doc.fetch
    if fetch is None:
        return None
    via = f", redirected from {fetch.url}" if fetch.final_url != fetch.url else ""
    return f"fetched {fetch.final_url} (HTTP {fetch.status}{via}) at {fetch.fetched_at}"


def source_line(doc: Document) -> str:
    """One line on a document's origin: the fetch of a URL, the language, the input's sha256
    (the path is left out: the document's id names it, and a path differs between machines)."""
    fetched = fetched_line(doc)
    parts = [fetched] if fetched else []
    if doc.language:
        parts.append(f"language {doc.language}")
    parts.append(f"sha256 {doc.sha256}")
    return " · ".join(parts)
