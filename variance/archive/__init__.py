"""Archive scale: index many articles on disk, trace a statement to every article carrying it,
and cluster the articles that share passages (docs/archive.md).

`index_archive` builds or extends the index, `trace_statement` answers for one statement,
`find_reuse` clusters; `open_index` opens an index for the other two. DuckDB is the embedded
engine; `archive.spark` runs the heavy steps on PySpark and is imported only when asked for.
"""

from __future__ import annotations

from .indexer import IndexSummary, index_archive
from .reuse import find_reuse
from .store import open_index
from .trace import trace_statement

__all__ = ["IndexSummary", "find_reuse", "index_archive", "open_index", "trace_statement"]
