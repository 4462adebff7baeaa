"""The scale data set of `manage.py seed_scale`: `core` (the driver and its helpers, the people)
and one module per app."""
