"""The audit log: who changed what, when; the history every case page shows."""
