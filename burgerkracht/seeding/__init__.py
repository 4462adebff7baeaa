"""Demo and scale data: not the product, and not a Django app.

`manage.py seed_demo` (and `make run`) writes `demo/`, `manage.py seed_scale` (the
benchmarks, issue #10) writes `scale/`. Each module is named after the app whose data it
writes; this package may import every app, and no app imports it."""
