"""Text: comparison keys (`normalize`) and sentences with exact offsets (`segment`)."""

from .segment import segment_document

__all__ = ["segment_document"]
