"""A case's assessment against the ILO indicators: findings, evidence, sign-off, the determination."""
