"""The one exception family of variance; the CLI maps it to exit code 2."""

from __future__ import annotations

__all__ = ["VarianceError", "InputError", "OutputError", "OptionError"]


class VarianceError(Exception):
    """A problem the user can fix; its message names the file and what is wrong."""

    exit_code = 2


class InputError(VarianceError):
    """An input path or its content cannot be used."""


class OutputError(VarianceError):
    """An output cannot be written where the user asked."""


class OptionError(VarianceError):
    """An option names something the inputs do not have (a `--reference` no document bears)."""
