"""The demo organisation, its accounts and the founding case."""
