"""Sources and evidence: preserved articles, exact quotes, evidence for each fact, integrity checks."""
