"""variance: compare versions of one news story, statement by statement.

The public API: `compare(paths, options)` and `compare_documents(documents, options)` return a
`Comparison`, the one product every view reads; `Options` holds every setting; errors a user can
fix are `VarianceError`s. Names are imported on first use, so `import variance` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import lazy_loader

__version__ = "0.1.0"
__all__ = ["__version__", "compare", "compare_documents", "Comparison", "Options", "VarianceError"]


if TYPE_CHECKING:
    from .errors import VarianceError
    from .model import Comparison, Options
    from .pipeline import compare, compare_documents


__getattr__, _, _ = lazy_loader.attach(__name__, submod_attrs={
    "pipeline": ["compare", "compare_documents"], "model": ["Comparison", "Options"], "errors": ["VarianceError"]})
