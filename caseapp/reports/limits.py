"""How long the texts of the reports area may be: read by the services, the input models and the forms."""
from __future__ import annotations

DECISION_REASON = 2000  # a reason for approving or refusing an export
