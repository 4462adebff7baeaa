"""What people type: numbers and days in URLs and files, IBAN and KvK numbers, and reasons that
are sentences."""
