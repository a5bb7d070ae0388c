"""variance: compare versions of one news story, statement by statement."""

__version__ = "0.1.0"
__all__ = ["__version__"]
