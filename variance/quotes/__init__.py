"""Quotes: direct quotes and where their words stand (`passages`), who they are attributed to
(`attribution`), and verdicts per version (`check`)."""
