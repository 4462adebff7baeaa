"""Running the portal: health checks beyond django-health-check's own, and structured logs
without personal data."""
