"""Import and export of cases: JSON and CSV, all or nothing, audited."""
