"""The advice report and the advice part of the continuity-risk report (issue #8)."""
