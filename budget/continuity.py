"""The continuity-risk report (issue #8)."""
