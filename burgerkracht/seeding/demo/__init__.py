"""The demo data of `manage.py seed_demo`: `core` (the municipality, its wijken, organisations
and one login per role; `APP_DEMOS`, the apps' modules in dependency order) and one module
per app."""
