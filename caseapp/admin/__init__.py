"""Administration of an organisation's users."""
