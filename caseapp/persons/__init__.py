"""People concerned by a case: workers, family members, informants, witnesses. Need-to-know."""
