"""Reports: the case report, evidence dossiers and the portfolio figures as PDF, JSON and CSV, each export
recorded; the advocate profile pseudonymises the people of a case."""
