"""What every page is made of: navigation, breadcrumbs, pagination, table columns, status
badges, the colours and their meaning, how amounts and dates are shown, the steps of a form in
steps, and how a page about one thing checks who may open it (`subject_views`)."""
