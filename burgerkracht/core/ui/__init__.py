"""What every page is made of: navigation, breadcrumbs, pagination, table columns, status
badges, the colours and their meaning, and how amounts and dates are shown."""
