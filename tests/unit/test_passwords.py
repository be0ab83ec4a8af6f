from caseapp.auth import passwords


def test_short_and_blank_passwords_are_refused():
    assert passwords.password_problems("short") == [passwords.TOO_SHORT]
    assert passwords.ONLY_SPACES in passwords.password_problems(" " * 14)
    assert passwords.password_problems("x" * 2000) == [passwords.TOO_LONG]


def test_a_long_enough_password_is_accepted():
    assert passwords.password_problems("twelve chars") == []


def test_hashes_are_argon2id_and_verify_only_the_right_password():
    hashed = passwords.hash_password("a good long passphrase")
    assert hashed.startswith("$argon2id$")
    assert passwords.verify_password(hashed, "a good long passphrase")
    assert not passwords.verify_password(hashed, "a good long passphrasE")
    assert not passwords.verify_password("not-a-hash", "whatever it is")
