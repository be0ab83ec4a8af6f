from caseapp.auth import passwords


def test_short_and_blank_passwords_are_refused():
    assert passwords.password_problems("short") == [passwords.TOO_SHORT]
    assert passwords.ONLY_SPACES in passwords.password_problems(" " * 14)
    assert passwords.password_problems("x" * 2000) == [passwords.TOO_LONG]


def test_a_long_enough_password_is_accepted():
    assert passwords.password_problems("twelve chars") == []


def test_the_list_holds_the_thousand_most_common_passwords():
    # 1,000 lines in the source; "password", "Password" and "PASSWORD" fold into one.
    assert len(passwords.common_passwords()) == 998
    assert {"123456", "password", "qwerty", "iloveyou", "freepass"} <= passwords.common_passwords()


def test_the_list_is_read_once():
    assert passwords.common_passwords() is passwords.common_passwords()


def test_a_common_password_is_refused_whatever_its_case_or_surrounding_spaces():
    for padded in ("password    ", "   PassWord1   ", "\t1q2w3e4r5t\t  ", "  USUCKBALLZ1  "):
        assert len(padded) >= passwords.MIN_LENGTH
        assert passwords.password_problems(padded) == [passwords.TOO_COMMON], padded


def test_a_short_common_password_is_told_both_reasons():
    assert passwords.password_problems("letmein") == [passwords.TOO_SHORT, passwords.TOO_COMMON]


def test_the_longest_common_passwords_are_refused_even_at_full_length():
    longest = max(passwords.common_passwords(), key=len)
    assert passwords.TOO_COMMON in passwords.password_problems(longest)
    assert passwords.TOO_COMMON in passwords.password_problems(longest.upper() + " ")


def test_a_common_password_inside_a_longer_one_is_accepted():
    assert passwords.password_problems("password for the archive") == []
    # But a common password with digits stuck on is the common password still.
    assert passwords.TOO_COMMON in passwords.password_problems("qwerty123456")


def test_hashes_are_argon2id_and_verify_only_the_right_password():
    hashed = passwords.hash_password("a good long passphrase")
    assert hashed.startswith("$argon2id$")
    assert passwords.verify_password(hashed, "a good long passphrase")
    assert not passwords.verify_password(hashed, "a good long passphrasE")
    assert not passwords.verify_password("not-a-hash", "whatever it is")


def test_a_common_password_padded_or_repeated_to_twelve_characters_is_refused():
    for typed in ("password1234", "Password2026!", "qwertyqwerty", "monkey monkey monkey", "!!iloveyou!!",
                  "123412341234", "Dragon 2026 !!"):
        assert passwords.TOO_COMMON in passwords.password_problems(typed), typed


def test_long_passphrases_that_merely_contain_a_common_word_pass():
    for typed in ("correct horse battery staple", "password manager for the ngo", "sunshine over the harbour 7",
                  "qwertyuiop-lake-otter"):
        assert passwords.password_problems(typed) == [], typed
