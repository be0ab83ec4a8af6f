"""In-app notifications: a case returned to me, submitted to my team, assigned to me."""
