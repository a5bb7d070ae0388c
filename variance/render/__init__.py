"""Views of a `Comparison`: terminal text, JSON format 1, and the HTML report."""
