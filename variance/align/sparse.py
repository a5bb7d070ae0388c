"""scipy.sparse without the half of numpy it does not use.

scipy (1.15 and later) clones the numpy namespace when `scipy.sparse` is first imported, by `from
numpy import *` and a `getattr` of every public name; with numpy 2, whose `__all__` lists its
lazily loaded submodules, that imports `numpy.f2py`, `numpy.testing`, `numpy.ma`, `numpy.random`
and a dozen more (about 250 modules, two thirds of scipy.sparse's import time) that sparse
matrices never touch. `import_sparse` hides the submodules not yet loaded from `numpy.__all__`
and `dir(numpy)` while scipy.sparse is imported, then puts both back: they still load on first use
(`numpy.random.default_rng` works as before); only scipy's private copy of the namespace lacks
them. Where numpy or scipy do not look as expected, scipy.sparse is imported as it is.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING

__all__ = ["import_sparse", "sparse"]


def import_sparse() -> ModuleType:
    """`scipy.sparse`, imported without numpy's unused submodules when it is not yet loaded."""
    if "scipy.sparse" in sys.modules:
        return sys.modules["scipy.sparse"]
    import numpy

    names, listed, lister = getattr(numpy, "__numpy_submodules__", None), numpy.__all__, numpy.__dir__
    if not names or not isinstance(listed, list):
        import scipy.sparse
        return scipy.sparse
    lazy = {n for n in names if f"numpy.{n}" not in sys.modules}
    numpy.__all__ = [n for n in listed if n not in lazy]
    numpy.__dir__ = lambda: [n for n in lister() if n not in lazy]  # type: ignore[method-assign]
    try:
        import scipy.sparse
    finally:
        numpy.__all__, numpy.__dir__ = listed, lister  # type: ignore[method-assign]
    return scipy.sparse


if TYPE_CHECKING:
    from scipy import sparse
else:
    sparse = import_sparse()
