"""Encryption at rest: the key ring, the encrypted column types, the keyed name lookup and key rotation.

`keys` and `ciphers` are plain Python; `fields` ties them to SQLAlchemy and
`setup` to the Flask app, so that a record's identifying fields are
encrypted on their way into the database and decrypted on their way out.
"""
