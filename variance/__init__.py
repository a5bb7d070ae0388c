"""variance: compare versions of one news story, statement by statement.

The public API: `compare(paths, options)` and `compare_documents(documents, options)` return a
`Comparison`, the one product every view reads; `Options` holds every setting; errors a user can
fix are `VarianceError`s. Names are imported on first use, so `import variance` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "compare", "compare_documents", "Comparison", "Options", "VarianceError"]

_HOME = {"compare": "variance.pipeline", "compare_documents": "variance.pipeline",
         "Comparison": "variance.model", "Options": "variance.model", "VarianceError": "variance.errors"}

if TYPE_CHECKING:
    from .errors import VarianceError
    from .model import Comparison, Options
    from .pipeline import compare, compare_documents


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(_HOME[name]), name)
    raise AttributeError(f"module 'variance' has no attribute {name!r}")
