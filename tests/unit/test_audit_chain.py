"""The audit chain's arithmetic: every change, removal, reordering or cut shows, and names its entry."""
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

import pytest

from caseapp.audit import chain
from caseapp.audit.chain import GENESIS, Checkpoint, entry_hmac, verify

KEY = b"k" * 48
START = datetime(2026, 11, 28, 6, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Row:
    id: int
    created_at: datetime
    organisation_id: int | None
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: int | None
    case_id: int | None
    changes: dict
    prev_hmac: str = ""
    hmac: str = ""


def sealed_log(n: int, key: bytes = KEY) -> list[Row]:
    rows, previous = [], GENESIS
    for i in range(1, n + 1):
        row = Row(i, START + timedelta(seconds=i), 1, 7, "a@ngo.test", "case.update", "cases", 3, 3,
                  {"title": {"old": f"v{i}", "new": f"v{i + 1}"}, "ü": [1, 2.5, None]})
        row = replace(row, prev_hmac=previous, hmac=entry_hmac(key, row, previous))
        rows.append(row)
        previous = row.hmac
    return rows


def relinked(rows: list[Row]) -> list[Row]:
    """The log re-sealed from its first row: what someone holding the key could produce."""
    out, previous = [], GENESIS
    for row in rows:
        row = replace(row, prev_hmac=previous, hmac=entry_hmac(KEY, row, previous))
        out.append(row)
        previous = row.hmac
    return out


def test_an_untouched_log_verifies_with_its_count_and_head():
    rows = sealed_log(5)
    result = verify(rows, KEY)
    assert result.intact and result.count == 5 and result.last_id == 5 and result.last_hmac == rows[-1].hmac


def test_an_empty_log_verifies_at_the_genesis():
    result = verify([], KEY)
    assert result.intact and result.count == 0 and result.last_hmac == GENESIS


def test_canonical_bytes_do_not_depend_on_key_order_or_time_zone():
    row = sealed_log(1)[0]
    reordered = replace(row, changes=dict(reversed(list(row.changes.items()))),
                        created_at=row.created_at.astimezone(timezone(timedelta(hours=3))))
    assert chain.canonical_bytes(row, GENESIS) == chain.canonical_bytes(reordered, GENESIS)


@pytest.mark.parametrize("field, value", [
    ("created_at", START), ("organisation_id", 2), ("actor_id", None), ("actor_label", "b@ngo.test"),
    ("action", "case.create"), ("object_type", "persons"), ("object_id", 4), ("case_id", None),
    ("changes", {"title": {"old": "v3", "new": "forged"}}), ("id", 30),
])
def test_changing_any_field_names_that_entry(field, value):
    rows = sealed_log(5)
    rows[2] = replace(rows[2], **{field: value})
    broken = verify(rows, KEY).broken
    assert broken.entry_id == rows[2].id and broken.reason == chain.CONTENT_CHANGED


def test_a_recomputed_hmac_without_the_key_does_not_pass():
    rows = sealed_log(3)
    forged = replace(rows[1], action="user.login")
    rows[1] = replace(forged, hmac=entry_hmac(b"not the key" * 4, forged, forged.prev_hmac))
    assert verify(rows, KEY).broken.entry_id == 2


def test_another_key_breaks_the_first_entry():
    assert verify(sealed_log(3), b"x" * 48).broken.entry_id == 1


def test_a_removed_middle_entry_names_the_one_after_it():
    rows = sealed_log(5)
    del rows[2]
    result = verify(rows, KEY)
    assert result.broken.entry_id == 4 and result.broken.reason == chain.MISSING_BEFORE
    assert result.count == 2 and result.last_id == 2


def test_a_removed_first_entry_is_noticed():
    broken = verify(sealed_log(3)[1:], KEY).broken
    assert broken.entry_id == 2 and broken.reason == chain.MISSING_BEFORE


def test_swapped_entries_break_the_link():
    rows = sealed_log(4)
    first, second = rows[1], rows[2]
    # Same ids, contents swapped (with their seals): each is authentic but in the wrong place.
    rows[1], rows[2] = replace(second, id=2), replace(first, id=3)
    assert verify(rows, KEY).broken.entry_id == 2


def test_a_fork_is_noticed():
    rows = sealed_log(3)
    twin = replace(rows[2], id=4, action="user.login")
    rows.append(replace(twin, hmac=entry_hmac(KEY, twin, twin.prev_hmac)))  # links to entry 2, as 3 does
    broken = verify(rows, KEY).broken
    assert broken.entry_id == 4 and broken.reason == chain.LINK_BROKEN


def test_cutting_the_end_passes_the_links_but_not_a_checkpoint():
    rows = sealed_log(6)
    anchor = Checkpoint(6, rows[-1].hmac, 6, "anchor")
    assert verify(rows[:4], KEY).intact  # the links alone cannot tell
    result = verify(rows[:4], KEY, [anchor])
    assert result.broken.reason == chain.TRUNCATED and result.broken.entry_id == 6
    assert result.broken.checkpoint == anchor and result.count == 4


def test_a_checkpoint_in_the_past_is_met():
    rows = sealed_log(6)
    assert verify(rows, KEY, [Checkpoint(3, rows[2].hmac, 3), Checkpoint(6, rows[5].hmac, 6)]).intact


def test_a_log_rewritten_with_the_key_is_caught_by_the_checkpoint():
    rows = sealed_log(6)
    anchor = Checkpoint(6, rows[-1].hmac, 6, "anchor")
    renumbered = relinked([replace(r, id=i) for i, r in enumerate(rows[:2] + rows[3:], start=1)])
    assert verify(renumbered, KEY).intact  # entry 3 removed, the rest re-sealed: the links hold
    result = verify(renumbered, KEY, [anchor])
    assert result.broken.reason == chain.TRUNCATED and result.broken.entry_id == 6
    in_place = relinked(rows[:2] + [replace(rows[2], action="user.login")] + rows[3:])
    broken = verify(in_place, KEY, [anchor]).broken
    assert broken.entry_id == 6 and broken.reason == chain.CONTENT_CHANGED


def test_a_checkpoint_naming_another_hmac_breaks_there():
    rows = sealed_log(4)
    broken = verify(rows, KEY, [Checkpoint(3, "0" * 64, 3, "chain head")]).broken
    assert broken.entry_id == 3 and broken.reason == chain.CONTENT_CHANGED


def test_a_missing_seal_is_a_changed_entry():
    rows = sealed_log(2)
    rows[0] = replace(rows[0], hmac=None)
    assert verify(rows, KEY).broken.entry_id == 1


def test_naive_timestamps_are_refused():
    with pytest.raises(ValueError):
        entry_hmac(KEY, replace(sealed_log(1)[0], created_at=datetime(2026, 1, 1)), GENESIS)


def test_a_check_can_start_from_a_known_good_entry_and_read_only_what_follows():
    rows = sealed_log(6)
    start = Checkpoint(3, rows[2].hmac, 3, "anchor")
    result = verify(rows[3:], KEY, [Checkpoint(6, rows[5].hmac, 6, "chain head")], start=start)
    assert result.intact and result.count == 6 and result.last_id == 6
    changed = [*rows[3:4], replace(rows[4], actor_label="forger"), rows[5]]
    assert verify(changed, KEY, start=start).broken.entry_id == 5
    # An entry after the start that links elsewhere (the start was not really its predecessor).
    assert verify(rows[4:], KEY, start=start).broken.reason == chain.MISSING_BEFORE
    assert verify(rows[3:5], KEY, [Checkpoint(6, rows[5].hmac, 6, "chain head")], start=start).broken.reason \
        == chain.TRUNCATED


def test_an_entry_that_cannot_be_read_or_sealed_is_named_not_crashed_on():
    rows = sealed_log(4)

    def with_garbage_at_row_3():
        yield from rows[:2]
        raise ValueError("Invalid isoformat string: 'garbage'")  # as a database driver reports it

    assert verify(with_garbage_at_row_3(), KEY).broken.entry_id == 3
    naive = replace(rows[2], created_at=rows[2].created_at.replace(tzinfo=None))
    result = verify([*rows[:2], naive, rows[3]], KEY)
    assert result.broken.entry_id == 3 and result.broken.reason == chain.CONTENT_CHANGED
