"""Parties: employers, recruiters, intermediaries, joint ventures, state bodies, buyers, guards."""
