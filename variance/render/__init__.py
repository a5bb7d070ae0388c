"""Views of a `Comparison`: terminal text, JSON format 2, and the HTML report."""
