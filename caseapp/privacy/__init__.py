"""People's data and the law: retention periods, subject-access exports and erasure of one person."""
