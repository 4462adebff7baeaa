"""The officials' lists: one search field and finished dossiers hidden (`search`), and saved
filters (`saved`, `models`, `views`)."""
