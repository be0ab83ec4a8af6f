"""Organisations, users, roles, passwords and API tokens."""
