"""Cases: the record of one situation of suspected forced labour."""
