"""TOTP codes and recovery codes: what is accepted, once, and what is not."""
import pyotp

from caseapp.auth import two_factor

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = 1_800_000_000.0  # a fixed moment, so the tests never straddle a step boundary by chance
STEP = int(NOW // 30)


def code(step: int) -> str:
    return pyotp.TOTP(SECRET).at(step * 30)


def test_the_current_code_is_accepted_and_names_its_step():
    assert two_factor.accepted_step(SECRET, code(STEP), None, NOW) == STEP


def test_a_phone_one_step_fast_or_slow_is_accepted():
    assert two_factor.accepted_step(SECRET, code(STEP - 1), None, NOW) == STEP - 1
    assert two_factor.accepted_step(SECRET, code(STEP + 1), None, NOW) == STEP + 1


def test_codes_two_steps_away_are_refused():
    assert two_factor.accepted_step(SECRET, code(STEP - 2), None, NOW) is None
    assert two_factor.accepted_step(SECRET, code(STEP + 2), None, NOW) is None


def test_a_code_is_never_accepted_twice():
    used = two_factor.accepted_step(SECRET, code(STEP), None, NOW)
    assert two_factor.accepted_step(SECRET, code(STEP), used, NOW) is None
    # Nor an older one that is still inside the drift window.
    assert two_factor.accepted_step(SECRET, code(STEP - 1), used, NOW) is None
    assert two_factor.accepted_step(SECRET, code(STEP + 1), used, NOW) == STEP + 1


def test_spaces_in_a_typed_code_do_not_matter_but_letters_do():
    spaced = code(STEP)[:3] + " " + code(STEP)[3:]
    assert two_factor.accepted_step(SECRET, spaced, None, NOW) == STEP
    assert two_factor.accepted_step(SECRET, "12345a", None, NOW) is None
    assert two_factor.accepted_step(SECRET, "", None, NOW) is None
    assert two_factor.accepted_step(SECRET, code(STEP) + "0", None, NOW) is None


def test_recovery_codes_are_many_distinct_and_easy_to_type():
    codes = two_factor.new_recovery_codes()
    assert len(codes) == 10 and len(set(codes)) == 10
    for recovery in codes:
        assert two_factor.looks_like_recovery_code(recovery)
        assert not set(recovery.replace("-", "")) & set("01ilo")
    assert not two_factor.looks_like_recovery_code(code(STEP))


def test_a_recovery_code_matches_however_it_is_typed():
    recovery = two_factor.new_recovery_codes(1)[0]
    typed = " " + recovery.upper().replace("-", " ") + " "
    assert two_factor.hash_recovery_code(typed) == two_factor.hash_recovery_code(recovery)
    assert two_factor.hash_recovery_code(recovery) != recovery


def test_the_required_roles_are_the_servers_plus_the_organisations():
    assert two_factor.required_roles(("coordinator", "admin"), "") == {"coordinator", "admin"}
    assert two_factor.required_roles(("coordinator", "admin"), "caseworker, advocate") == {
        "coordinator", "admin", "caseworker", "advocate"}
    # An organisation can only add: there is no way to subtract the server's roles.
    assert "admin" in two_factor.required_roles(("admin",), "-admin")


def test_the_provisioning_address_names_the_app_and_the_account():
    uri = two_factor.provisioning_uri(SECRET, "coordinator@ngo.test")
    assert uri.startswith("otpauth://totp/caseapp:coordinator%40ngo.test?")
    assert f"secret={SECRET}" in uri and "issuer=caseapp" in uri


def test_new_secrets_hold_160_bits():
    secret = two_factor.new_secret()
    assert len(secret) == 32 and secret != two_factor.new_secret()
