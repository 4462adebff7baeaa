"""Files: uploads checked, scanned (`clamd`) and served privately, and PDFs made from
templates."""
