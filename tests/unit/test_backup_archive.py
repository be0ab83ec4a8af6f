"""The backup file: what goes in comes out, and any change, cut or wrong passphrase is refused."""
import io
import json
import subprocess
import sys

import pytest

from caseapp.backup import archive, keys
from caseapp.backup.crypto import (HEADER_SIZE, TAG_SIZE, BackupError, Damaged, DecryptingReader, EncryptingWriter,
                                   Header, WrongPassphrase)

PASSPHRASE = "correct horse battery staple"
CHUNK = 4096


def fast_header():
    # The smallest parameters a reader accepts: the format is the same, the tests are quick.
    return Header.new(log2_n=10, chunk_size=CHUNK)


def encrypt(data: bytes, passphrase: str = PASSPHRASE) -> bytes:
    sink = io.BytesIO()
    writer = EncryptingWriter(sink, passphrase, fast_header())
    for start in range(0, len(data), 1000):  # in pieces, as tarfile writes
        writer.write(data[start:start + 1000])
    writer.close()
    return sink.getvalue()


def decrypt(sealed: bytes, passphrase: str = PASSPHRASE) -> bytes:
    reader = DecryptingReader(io.BytesIO(sealed), passphrase)
    data = reader.read()
    reader.finish()
    return data


def chunks_of(sealed: bytes) -> list[bytes]:
    body = sealed[HEADER_SIZE:]
    size = CHUNK + TAG_SIZE
    return [body[i:i + size] for i in range(0, len(body), size)]


PLAIN = bytes(range(256)) * 100  # 25,600 bytes: six full chunks and a short one


@pytest.mark.parametrize("data", [b"", b"x", bytes(CHUNK), bytes(CHUNK * 2), PLAIN])
def test_what_is_encrypted_decrypts_to_the_same_bytes(data):
    assert decrypt(encrypt(data)) == data


def test_the_same_data_encrypts_differently_each_time():
    assert encrypt(PLAIN) != encrypt(PLAIN)


def test_a_wrong_passphrase_is_named_as_such():
    with pytest.raises(WrongPassphrase):
        decrypt(encrypt(PLAIN), "wrong horse")


def test_a_passphrase_typed_in_another_unicode_form_opens_the_backup():
    assert decrypt(encrypt(PLAIN, "caf\u00e9 au lait, s'il vous pla\u00eet"),
                   "cafe\u0301 au lait, s'il vous plai\u0302t") == PLAIN


def test_an_empty_passphrase_is_refused():
    with pytest.raises(BackupError):
        encrypt(PLAIN, "")


@pytest.mark.parametrize("position", [HEADER_SIZE + 5, HEADER_SIZE + CHUNK + TAG_SIZE + 7, -1])
def test_a_flipped_byte_anywhere_in_the_content_is_refused(position):
    sealed = bytearray(encrypt(PLAIN))
    sealed[position] ^= 0x01
    with pytest.raises(Damaged):
        decrypt(bytes(sealed))


def test_a_flipped_byte_in_the_header_is_refused():
    sealed = bytearray(encrypt(PLAIN))
    sealed[30] ^= 0x01  # the salt
    with pytest.raises(BackupError):
        decrypt(bytes(sealed))


def test_a_file_that_is_no_backup_is_refused():
    with pytest.raises(Damaged, match="not a caseapp backup"):
        decrypt(b"PK\x03\x04" + bytes(100))


@pytest.mark.parametrize("cut", ["last chunk", "at a chunk boundary", "inside a chunk", "all chunks"])
def test_a_cut_short_backup_is_refused(cut):
    sealed = encrypt(PLAIN)
    chunks = chunks_of(sealed)
    kept = {"last chunk": sealed[:-len(chunks[-1])],
            "at a chunk boundary": sealed[:HEADER_SIZE + 3 * (CHUNK + TAG_SIZE)],
            "inside a chunk": sealed[:HEADER_SIZE + 3 * (CHUNK + TAG_SIZE) + 100],
            "all chunks": sealed[:HEADER_SIZE]}[cut]
    with pytest.raises(Damaged):
        decrypt(kept)


def test_reordered_chunks_are_refused():
    sealed = encrypt(PLAIN)
    chunks = chunks_of(sealed)
    chunks[1], chunks[2] = chunks[2], chunks[1]
    with pytest.raises(Damaged):
        decrypt(sealed[:HEADER_SIZE] + b"".join(chunks))


def test_a_chunk_appended_from_another_backup_is_refused():
    sealed = encrypt(PLAIN)
    with pytest.raises(Damaged):
        decrypt(sealed + chunks_of(sealed)[0])


def test_a_header_asking_for_a_huge_scrypt_cost_is_refused_before_deriving():
    sealed = bytearray(encrypt(PLAIN))
    sealed[17] = 30  # log2 N
    with pytest.raises(Damaged, match="parameters"):
        decrypt(bytes(sealed))


@pytest.fixture
def stores(tmp_path):
    database = tmp_path / "dump.sqlite3"
    database.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 50)
    sources = tmp_path / "sources"
    digest = "ab" + "c" * 62
    (sources / "ab").mkdir(parents=True)
    (sources / "ab" / digest).write_bytes(b"the exact bytes of a source" * 500)
    (sources / "ab" / f".{digest}.1.tmp").write_bytes(b"a half-written snapshot")  # left out
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / ("0" * 32 + ".pdf")).write_bytes(b"%PDF-1.7 dossier")
    (reports / ("0" * 32 + ".pdf.parts")).mkdir()  # a dossier being built: left out
    manifest = {"format": archive.FORMAT, "format_version": archive.MANIFEST_VERSION, "revision": "abc"}
    return archive.Contents(manifest=manifest,
                            database=database, database_name="caseapp.sqlite3",
                            roots={"sources": sources, "reports": reports},
                            keys={"encryption_keys": "1:secret", "audit_hmac_key": "hmac-secret"})


def _targets(tmp_path, name="out"):
    targets = {area: tmp_path / name / area for area in ("database", "sources", "reports")}
    for folder in targets.values():
        folder.mkdir(parents=True)
    return targets


def test_a_backup_holds_the_database_files_and_keys_and_gives_them_back(tmp_path, stores):
    written = archive.write(tmp_path / "b.caseapp-backup", PASSPHRASE, stores, header=fast_header())
    assert written.files == 2
    read = archive.read(written.path, PASSPHRASE, _targets(tmp_path))
    assert read.database.read_bytes() == stores.database.read_bytes()
    assert read.keys == stores.keys and read.manifest["keys_included"] is True
    assert sorted(read.manifest["files"]) == ["reports/" + "0" * 32 + ".pdf", "sources/ab/ab" + "c" * 62]
    restored = tmp_path / "out" / "sources" / "ab" / ("ab" + "c" * 62)
    assert restored.read_bytes() == b"the exact bytes of a source" * 500
    assert not list((tmp_path / "out" / "sources").rglob(".*"))


def test_a_backup_without_keys_holds_no_keys(tmp_path, stores):
    stores.keys = None
    written = archive.write(tmp_path / "b", PASSPHRASE, stores, header=fast_header())
    read = archive.read(written.path, PASSPHRASE, _targets(tmp_path))
    assert read.keys is None and read.manifest["keys_included"] is False
    assert b"secret" not in written.path.read_bytes()


def test_nothing_is_readable_in_the_file_without_the_passphrase(tmp_path, stores):
    written = archive.write(tmp_path / "b", PASSPHRASE, stores, header=fast_header())
    content = written.path.read_bytes()
    assert b"manifest" not in content and b"exact bytes" not in content and b"hmac-secret" not in content


def test_an_existing_file_is_kept_unless_forced(tmp_path, stores):
    target = tmp_path / "b"
    target.write_bytes(b"yesterday's backup")
    with pytest.raises(BackupError, match="exists"):
        archive.write(target, PASSPHRASE, stores, header=fast_header())
    assert target.read_bytes() == b"yesterday's backup"
    archive.write(target, PASSPHRASE, stores, force=True, header=fast_header())
    assert archive.read(target, PASSPHRASE, _targets(tmp_path)).keys == stores.keys
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_check_runs_before_anything_is_unpacked_and_can_stop_it(tmp_path, stores):
    written = archive.write(tmp_path / "b", PASSPHRASE, stores, header=fast_header())
    seen = []

    def refuse(manifest, keys):
        seen.append((manifest["revision"], keys["audit_hmac_key"]))
        raise BackupError("another revision")

    targets = _targets(tmp_path)
    with pytest.raises(BackupError, match="another revision"):
        archive.read(written.path, PASSPHRASE, targets, check=refuse)
    assert seen == [("abc", "hmac-secret")]
    assert not any(any(folder.iterdir()) for folder in targets.values())


def test_a_damaged_backup_stops_with_an_error(tmp_path, stores):
    written = archive.write(tmp_path / "b", PASSPHRASE, stores, header=fast_header())
    content = bytearray(written.path.read_bytes())
    content[-200] ^= 0x40
    written.path.write_bytes(bytes(content))
    with pytest.raises(Damaged):
        archive.read(written.path, PASSPHRASE, _targets(tmp_path))


def test_the_manifest_lists_every_member_with_its_hash(tmp_path, stores):
    written = archive.write(tmp_path / "b", PASSPHRASE, stores, header=fast_header())
    manifest = archive.read(written.path, PASSPHRASE, _targets(tmp_path)).manifest
    assert manifest["database"]["sha256"] == archive.file_sha256(stores.database)[0]
    source = manifest["files"]["sources/ab/ab" + "c" * 62]
    assert source["size"] == len(b"the exact bytes of a source") * 500
    json.dumps(manifest)  # plain JSON throughout


@pytest.mark.parametrize("module", ["caseapp.backup.crypto", "caseapp.backup.archive", "caseapp.backup.keys",
                                    "caseapp.backup.databases"])
def test_the_backup_modules_import_without_flask(module):
    code = f"import sys, {module}; sys.exit(1 if 'flask' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


RING = "k2:" + "A" * 43 + "=,k1:" + "B" * 43 + "="
OTHER = "k2:" + "C" * 43 + "="


def _current(ring=RING, audit="audit-key", source="instance"):
    return keys.Current(ring, source, audit, source)


def test_restoring_keys_writes_only_what_differs():
    carried = {"encryption_keys": RING, "audit_hmac_key": "audit-key"}
    assert keys.plan({}, carried, _current()) == keys.Plan()
    assert keys.plan({}, carried, _current(ring=OTHER)) == keys.Plan(encryption_ring=RING)
    assert keys.plan({}, carried, _current(audit="other")) == keys.Plan(audit_key="audit-key")


def test_a_ring_with_more_keys_than_the_backup_needs_is_enough():
    carried = {"encryption_keys": "k1:" + "B" * 43 + "=", "audit_hmac_key": "audit-key"}
    assert keys.plan({}, carried, _current()) == keys.Plan()


def test_keys_from_the_environment_are_never_overwritten_but_named():
    carried = {"encryption_keys": RING, "audit_hmac_key": "audit-key"}
    with pytest.raises(BackupError, match="CASEAPP_ENCRYPTION_KEYS.*k2, k1"):
        keys.plan({}, carried, _current(ring=OTHER, source="environment"))
    with pytest.raises(BackupError, match="audit HMAC key"):
        keys.plan({}, carried, _current(audit="other", source="environment"))


def test_a_backup_without_keys_needs_the_same_keys_here():
    recorded = keys.fingerprints(RING, "audit-key")
    assert keys.plan(recorded, None, _current()) == keys.Plan()
    with pytest.raises(BackupError, match="without keys.*encryption keys"):
        keys.plan(recorded, None, _current(ring=OTHER))
    with pytest.raises(BackupError, match="without keys.*audit HMAC key"):
        keys.plan(recorded, None, _current(audit="other"))


def test_fingerprints_tell_keys_apart_without_showing_them():
    printed = json.dumps(keys.fingerprints(RING, "audit-key"))
    assert "AAAA" not in printed and "audit-key" not in printed
    assert keys.fingerprints(RING, "a") != keys.fingerprints(RING, "b")
