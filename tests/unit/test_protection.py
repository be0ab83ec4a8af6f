"""The key ring, authenticated encryption of one value and the keyed name hash."""
import pytest

from caseapp.protection import ciphers
from caseapp.protection.keys import KeyRing, KeyRingError, format_ring, parse_ring, with_new_current_key

RING = with_new_current_key(None, "k1")


def test_a_ring_reads_back_what_it_wrote_and_the_first_key_is_current():
    ring = with_new_current_key(RING)
    assert ring.current_id == "k2" and ring.ids == ("k2", "k1")
    assert parse_ring(format_ring(ring)) == ring
    assert parse_ring(" " + format_ring(ring).replace(",", " ,\n ") + " ") == ring


@pytest.mark.parametrize("text, says", [
    ("", "empty"),
    ("k1", "id:key"),
    ("bad id:" + "A" * 44, "id:key"),
    ("k1:tooshort", "32 bytes"),
    ("k1:" + "!" * 44, "32 bytes"),
])
def test_a_bad_ring_is_refused_with_a_reason_that_never_quotes_a_key(text, says):
    with pytest.raises(KeyRingError, match=says) as caught:
        parse_ring(text)
    assert "tooshort" not in str(caught.value) and "!!!!" not in str(caught.value)


def test_a_key_id_may_not_appear_twice():
    encoded = format_ring(RING).split(":", 1)[1]
    with pytest.raises(KeyRingError, match="twice"):
        parse_ring(f"k1:{encoded},k1:{encoded}")


def test_a_value_round_trips_and_carries_its_key_id_never_its_text():
    token = ciphers.encrypt(RING, "Kim Chol-su", "persons.name")
    assert token.startswith("k1$") and "Kim" not in token
    assert ciphers.decrypt(RING, token, "persons.name") == "Kim Chol-su"
    assert ciphers.encrypt(RING, "Kim Chol-su", "persons.name") != token  # a fresh nonce every time


def test_a_value_moved_to_another_column_or_altered_does_not_decrypt():
    token = ciphers.encrypt(RING, "Kim Chol-su", "persons.name")
    with pytest.raises(ciphers.DecryptionError):
        ciphers.decrypt(RING, token, "persons.notes")
    altered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(ciphers.DecryptionError):
        ciphers.decrypt(RING, altered, "persons.name")


def test_an_older_key_still_reads_and_a_missing_key_is_named():
    token = ciphers.encrypt(RING, "Kim", "persons.name")
    rotated = with_new_current_key(RING)
    assert ciphers.decrypt(rotated, token, "persons.name") == "Kim"
    stranger = KeyRing("k9", {"k9": b"\0" * 32})
    with pytest.raises(ciphers.DecryptionError, match="no key 'k1'"):
        ciphers.decrypt(stranger, token, "persons.name")


def test_the_lookup_hash_finds_an_exact_name_whatever_its_case_and_spacing_and_nothing_else():
    base = ciphers.lookup_hash(RING, "Kim Chol-su")
    assert ciphers.lookup_hash(RING, "  kim   CHOL-SU ") == base
    assert ciphers.lookup_hash(RING, "Kim Chol") != base
    assert base.startswith("k1$") and "kim" not in base.lower().split("$")[1]
    other_ring = with_new_current_key(None, "k1")
    assert ciphers.lookup_hash(other_ring, "Kim Chol-su") != base  # keyed: useless without the key


def test_lookup_candidates_cover_every_key_of_the_ring():
    rotated = with_new_current_key(RING)
    candidates = ciphers.lookup_candidates(rotated, "Kim")
    assert candidates == [ciphers.lookup_hash(rotated, "Kim", "k2"), ciphers.lookup_hash(RING, "Kim")]


def test_a_key_made_by_processes_starting_together_is_the_same_for_all(tmp_path):
    """Workers of a new server each find no key: the first written wins, and every one reads it."""
    import multiprocessing
    import signal

    from caseapp.protection.files import create_once

    path = tmp_path / "instance" / "secret"
    # The children start with the default SIGTERM handler, whatever an earlier test in this
    # process installed (an RQ worker's handler made a terminated child hang instead of exiting);
    # and the pool is closed and joined, not terminated.
    pool = multiprocessing.get_context("fork").Pool(8, initializer=signal.signal,
                                                    initargs=(signal.SIGTERM, signal.SIG_DFL))
    try:
        seen = pool.starmap(create_once, [(path, f"key of process {n}") for n in range(32)])
    finally:
        pool.close()
        pool.join()
    assert len(set(seen)) == 1 and path.read_text() == seen[0]
    assert oct(path.stat().st_mode & 0o777) == "0o600"
