"""Samen Sterk results and budget reports (issue #8)."""
