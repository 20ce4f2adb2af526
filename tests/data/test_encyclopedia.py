"""The encyclopedia explains everything the shipped scenarios show, and its links resolve."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.geometry import Layer
from game.core.model import Rules
from game.data.encyclopedia import (
    CATEGORIES,
    EncyclopediaError,
    load_encyclopedia,
    read_encyclopedia,
)
from game.data.maps import load_map
from game.data.mods import HOME_VARIABLE
from game.data.problems import parse
from game.data.scenario import MAPS_DIR, list_sources, load_rules


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(HOME_VARIABLE, str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="module")
def shipped() -> list[Rules]:
    return [load_rules(source) for source in list_sources() if source.origin == "shipped"]


def missing(category: str, ids: set[str]) -> list[str]:
    book = load_encyclopedia(mods=None)
    return sorted(i for i in ids if book.find(category, i) is None)


def test_every_target_type_has_an_entry(shipped: list[Rules]) -> None:
    from game.core.targets import TARGET_KINDS

    kinds = {t.kind for rules in shipped for t in rules.targets.values()} | set(TARGET_KINDS)
    assert "rail_segment" in kinds and "dam" in kinds
    assert missing("target_types", kinds) == []


def test_every_air_force_has_an_entry(shipped: list[Rules]) -> None:
    pools = {pid for rules in shipped for pid in rules.pools}
    assert {"b29", "tf77", "f86"} <= pools
    assert missing("aircraft", pools) == []


def test_every_card_and_event_has_an_entry(shipped: list[Rules]) -> None:
    cards = {cid for rules in shipped for cid in rules.cards}
    events = {e.id for rules in shipped for e in rules.events}
    assert len(cards) > 10 and len(events) > 30
    assert missing("cards", cards) == []
    assert missing("events", events) == []


def test_every_major_place_and_every_target_has_an_entry(shipped: list[Rules]) -> None:
    """Main cities, noted targets and the map's named places get their own article;
    every other target at least its type's."""
    book = load_encyclopedia(mods=None)
    major = {c for rules in shipped for c in rules.main_cities}
    major |= {tid for rules in shipped for tid, t in rules.targets.items() if t.note}
    major |= {
        tid for rules in shipped for tid, t in rules.targets.items() if t.kind != "rail_segment"
    }
    assert "suiho_dam" in major and "pyongyang" in major
    assert missing("places", major) == []
    for rules in shipped:
        for tid, t in rules.targets.items():
            assert book.for_target(tid, t.kind) is not None, tid


def test_every_place_on_the_map_has_an_entry() -> None:
    geo = load_map(MAPS_DIR / "korea.tmx")
    book = load_encyclopedia(mods=None)
    places = {f.id for f in geo.on_layer(Layer.PLACES)}
    assert len(places) >= 20
    assert sorted(p for p in places if book.for_place(p) is None) == []


def test_every_link_resolves_and_every_entry_is_reachable() -> None:
    book = load_encyclopedia(mods=None)
    assert book.broken_links() == []
    linked = {link for e in book.entries.values() for link in e.related}
    for entry in book.entries.values():
        assert entry.category in CATEGORIES
        assert entry.title and entry.text and entry.source
        assert entry.related, f"{entry.ref} links nowhere"
    # Most articles are reached from another one, not only from the lists.
    assert len(linked) > len(book.entries) * 0.6


def test_search_finds_titles_before_text() -> None:
    book = load_encyclopedia(mods=None)
    hits = book.search("suiho")
    assert hits[0].ref == "places.suiho_dam"
    assert any(h.ref == "operations.hydro_strikes" for h in hits)
    assert book.search("no such word anywhere") == []


def test_problems_name_the_file_and_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "encyclopedia.toml"
    bad.write_text(
        '[places.x]\ntitle = "X"\ntext = "t"\nsource = "A"\nrelated = ["places.nowhere"]\n'
        '[places.w]\ntitle = "W"\ntext = "t"\nsource = "Q"\n'
        '[places.y]\ntitle = "Y"\nsource = "A"\n'
        '[weapons.z]\ntitle = "Z"\ntext = "t"\nsource = "A"\n'
        '[places."it\'s here"]\ntitle = "Q"\ntext = "t"\nsource = "A"\n',
        encoding="utf-8",
    )
    with pytest.raises(EncyclopediaError) as err:
        load_encyclopedia(bad, mods=None)
    text = str(err.value)
    assert f"{bad}: places.w.source" in text
    assert f"{bad}: places.y.text: Field required" in text
    assert f"{bad}: weapons: unknown category" in text
    assert f"{bad}: places.x.related: 'places.nowhere' is not an entry" in text
    assert f"{bad}: places.it's here: a key is a game id" in text


def test_every_encyclopedia_problem_has_a_hint_and_the_nearest_name(tmp_path: Path) -> None:
    bad = tmp_path / "encyclopedia.toml"
    bad.write_text(
        '[places.x]\ntitle = "X"\ntxt = "t"\nsource = "A"\n'
        '[places.wonsan]\ntitle = "V"\ntext = "t"\nsource = "A"\nrelated = ["places.wonsn"]\n'
        '[place.y]\ntitle = "Y"\ntext = "t"\nsource = "A"\n'
        "[cards]\nz = 3\n"
        '[places.w]\ntitle = "W"\ntext = "t"\nsource = "Q"\n'
        "[events.q\n",
        encoding="utf-8",
    )
    book = read_encyclopedia(bad, mods=None)
    problems = [parse(line) for line in book.problems]
    assert problems and all(p.file == str(bad) and p.hint for p in problems), book.problems
    by_key = {p.key: p for p in problems}
    assert by_key["places.x.txt"].hint == "did you mean 'text'?"
    assert by_key["places.x.txt"].line == 3
    assert by_key["place"].hint == "did you mean 'places'?"
    assert by_key["places.wonsan.related"].hint == "did you mean 'places.wonsan'?"
    assert by_key["cards.z"].message.startswith("an entry is a table")
    assert by_key["places.w.source"].line == 19
    assert "TOML syntax" in by_key["events.q"].message and by_key["events.q"].line == 20
    assert book.get("places.x") is None and book.get("places.w") is None


def test_a_bad_article_is_left_out_with_its_problem_and_the_rest_are_kept(
    tmp_path: Path,
) -> None:
    mod = tmp_path / "my_mod"
    mod.mkdir()
    file = mod / "encyclopedia.toml"
    file.write_text(
        '[places.good_one]\ntitle = "Good"\ntext = "Kept."\nsource = "E"\n'
        'related = ["places.wonsan", "places.gone"]\n'
        '[places.bad_one]\ntitle = "Bad"\nsource = "E"\n',
        encoding="utf-8",
    )
    book = read_encyclopedia(mods=(mod,))
    shipped = read_encyclopedia(mods=None)
    assert shipped.problems == []
    assert len(book.entries) == len(shipped.entries) + 1
    good = book.get("places.good_one")
    assert good is not None and good.related == ("places.wonsan",)  # no link to nothing
    assert book.get("places.bad_one") is None
    assert [line.split(";")[0] for line in book.problems] == [
        f"{file}: places.bad_one.text: Field required",
        f"{file}: places.good_one.related: 'places.gone' is not an entry",
    ]
    with pytest.raises(EncyclopediaError):
        load_encyclopedia(mods=(mod,))  # validate still refuses the mod


def test_a_mod_adds_and_replaces_articles(tmp_path: Path) -> None:
    mod = tmp_path / "my_mod"
    mod.mkdir()
    (mod / "encyclopedia.toml").write_text(
        '[places.wonsan_oil_depot]\ntitle = "Wonsan oil depot"\ntext = "Found by photo '
        'reconnaissance."\nsource = "E"\nrelated = ["places.wonsan"]\n'
        '[places.wonsan]\ntitle = "Wonsan"\ntext = "Replaced."\nsource = "V"\n',
        encoding="utf-8",
    )
    book = load_encyclopedia(mods=(mod,))
    assert book.find("places", "wonsan_oil_depot") is not None
    wonsan = book.get("places.wonsan")
    assert wonsan is not None and wonsan.text == "Replaced."
    assert load_encyclopedia(mods=None).get("places.wonsan").text != "Replaced."  # type: ignore[union-attr]
