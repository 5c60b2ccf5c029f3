"""The per-process store: the least recently used goes first, and tests can empty every store."""

from mekle.lib.kept import Kept


def test_the_least_recently_used_item_goes_first():
    kept = Kept(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # "a" is now the most recent
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == (1, None, 3)


def test_every_store_can_be_emptied_at_once():
    one, two = Kept(4), Kept(4)
    one.put("x", 1)
    two.put("y", 2)
    Kept.clear_all()
    assert one.get("x") is None
    assert two.get("y") is None
