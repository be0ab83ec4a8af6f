"""Backups: one encrypted file holding the database, the stored files and (by default) the keys."""
