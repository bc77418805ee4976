"""Searching the library: best first, the words around the matches marked, and whatever a writer
types (FTS5's syntax, half of it, or none) an answer, never an error."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.core import library_search, library_snippet
from reviewdesk.core.library_entry import MATCH_END, MATCH_START
from reviewdesk.core.library_index import Hit, LibraryIndex
from reviewdesk.core.library_read import SEARCH_FIELDS
from tests.library_bundles import write, write_files

S, E = MATCH_START, MATCH_END


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search") / "reviews"
    write(
        folder / "kettle",
        "Halden Kettle 3",
        "## Boiling\n\nIt boils a litre in three minutes, and the quiet **hinge** never creaks. "
        + "Filler words go on here. " * 40
        + "At the very end, the descaling programme.\n",
        subtitle="A kettle for a small kitchen",
        pros=["Quiet hinge", "Fast"],
        cons=["Heavy lid"],
        verdict="Buy it if tea is your thing.",
    )
    write(
        folder / "router",
        "Northwind Router 9",
        "Its fan hums. The kettle in the next room is louder. Café owners like the range.\n",
        summary="A router for a busy café.",
        key_features=["Wi-Fi 7", "Two 10G ports"],
    )
    write(folder / "empty", "Empty review", "")
    write_files(
        folder / "broken",
        "format: reviewdesk/1\ntitle: Broken kettle notes\npros: 7\n",
        "The broken one's body mentions a zeppelin.\n",
    )
    return folder


@pytest.fixture
def index(tmp_path: Path, library: Path) -> Iterator[LibraryIndex]:
    with LibraryIndex(tmp_path / "library.sqlite3") as opened:
        opened.refresh([library])
        yield opened


def found(index: LibraryIndex, library: Path, query: str) -> list[tuple[str, str, str]]:
    return [(hit.path.name, hit.field, hit.snippet) for hit in index.search(query, [library])]


def test_the_words_around_the_match_are_shown_marked(index: LibraryIndex, library: Path) -> None:
    assert found(index, library, "descaling") == [
        (
            "kettle",
            "body",
            f"…words go on here. Filler words go on here. At the very end, the {S}descaling{E} "
            "programme.\n",
        )
    ]
    assert found(index, library, "boils") == [
        ("kettle", "body", f"Boiling\n\nIt {S}boils{E} a litre in three minutes, and the quiet "
         f"hinge never creaks. Filler words…")
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("marked", "read"),
    [
        (f"the **{S}hinge{E}** and `code_here`", f"the {S}hinge{E} and code_here"),
        (f"see [the {S}page{E}](https://example.org/a) ![a chart](c.png)",
         f"see the {S}page{E} a chart"),
        (f"a\n\n## Heading {S}x{E}\n\n> quoted <b>bold</b>",
         f"a\n\nHeading {S}x{E}\n\n> quoted bold"),
        ("snake_case stays, *emphasis* goes", "snake_case stays, emphasis goes"),
    ],
)  # fmt: skip
def test_a_snippet_reads_as_text_not_markdown(marked: str, read: str) -> None:
    assert library_snippet.readable(marked) == read


def test_making_a_snippet_readable_takes_no_longer_than_the_text() -> None:
    for hostile in ("](" * 100_000, "<" * 200_000, "![" * 100_000, "*_" * 100_000):
        started = time.perf_counter()
        library_snippet.readable(hostile)
        assert time.perf_counter() - started < 0.5, hostile[:4]


def test_the_writers_own_words_are_shown_before_the_body_and_the_title(
    index: LibraryIndex, library: Path
) -> None:
    assert found(index, library, "hinge") == [("kettle", "pros", f"Quiet {S}hinge{E}\nFast")]
    assert found(index, library, "Northwind") == [("router", "title", f"{S}Northwind{E} Router 9")]
    assert found(index, library, "tea") == [
        ("kettle", "verdict", f"Buy it if {S}tea{E} is your thing.")
    ]


@pytest.mark.parametrize("field", SEARCH_FIELDS)
def test_each_field_named_is_searched_and_shown(tmp_path: Path, field: str) -> None:
    """Title, deck, summary, pros, cons, key features, key insights, verdict and body."""
    library = tmp_path / "reviews"
    text = "The quokkaphone is the point."
    lists = ("pros", "cons", "key_features", "key_insights")
    keys = {field: [text] if field in lists else text} if field not in ("title", "body") else {}
    title = text if field == "title" else "Found"
    write(library / "found", title, text if field == "body" else "Other words.\n", **keys)
    write(library / "other", "Other", "Nothing to see.\n")
    with LibraryIndex(tmp_path / "library.sqlite3") as index:
        index.refresh([library])
        hits = index.search("quokkaphone", [library])
    assert [(hit.path.name, hit.field) for hit in hits] == [("found", field)]
    assert f"{S}quokkaphone{E}" in hits[0].snippet


def test_a_match_in_the_title_ranks_first(tmp_path: Path) -> None:
    body = "Some words about nothing much. " * 20
    library = tmp_path / "reviews"
    write(library / "a-body", "First review", body + "The kettle.")
    write(library / "b-summary", "Second review", body + "Words.", summary="The kettle.")
    write(library / "c-title", "Kettle review", body + "Words.")
    write(library / "d-twice", "Fourth review", body + "The kettle, the kettle.")
    with LibraryIndex(tmp_path / "library.sqlite3") as index:
        index.refresh([library])
        hits = index.search("kettle", [library])
    assert [hit.path.name for hit in hits] == ["c-title", "b-summary", "d-twice", "a-body"]
    assert hits[3] == Hit(
        library / "a-body",
        "body",
        f"…words about nothing much. Some words about nothing much. Some words about nothing "
        f"much. The {S}kettle{E}.",
    )


def test_case_and_diacritics_are_ignored(index: LibraryIndex, library: Path) -> None:
    for query in ("cafe", "CAFÉ", "Café", "cafe*"):
        ((name, field, snippet),) = found(index, library, query)
        assert (name, field) == ("router", "summary")
        assert snippet == f"A router for a busy {S}café{E}."


def test_phrases_prefixes_and_words_within_words(index: LibraryIndex, library: Path) -> None:
    assert found(index, library, '"quiet hinge"')[0][2] == f"{S}Quiet hinge{E}\nFast"
    ((_name, field, snippet),) = found(index, library, '"the quiet hinge"')
    assert field == "body"
    assert f"{S}the quiet hinge{E} never" in snippet  # a phrase across markup, shown as text
    assert found(index, library, "desc*")[0][2].endswith(f"the {S}descaling{E} programme.\n")
    assert found(index, library, "scaling") == []  # words are whole, as FTS5 has them
    assert found(index, library, "wi-fi") == [
        ("router", "key_features", f"{S}Wi-Fi{E} 7\nTwo 10G ports")
    ]


def test_a_broken_bundle_is_found_by_what_could_be_read(index: LibraryIndex, library: Path) -> None:
    assert found(index, library, "zeppelin") == [
        ("broken", "body", f"The broken one's body mentions a {S}zeppelin{E}.\n")
    ]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ('"unclosed', []),
        ('"quiet hinge', ["kettle"]),  # an unclosed phrase: the phrase to the end
        ("AND", ["kettle"]),  # a lone operator: the word "and"
        ("hinge AND", ["kettle"]),
        ("OR kettle", []),  # the words "or" and "kettle"
        ("*", []),
        ("-", []),
        ("-kettle", ["kettle", "broken", "router"]),  # nothing to take it from: a word
        ("kettle -router", ["kettle", "broken"]),
        ('kettle -"next room"', ["kettle", "broken"]),
        ("note:kettle", []),  # no such field: the words note and kettle, one after the other
        ("title:kettle", ["kettle", "broken"]),
        ("{title subtitle}: café", []),
        ("{subtitle summary}: café", ["router"]),
        ("kettle NOT hinge", ["broken", "router"]),
        ("hinge OR café", ["kettle", "router"]),
        ("NEAR(fan hums)", ["router"]),
        ("fan_curve", []),
        ("fan.hums", ["router"]),
        ("don't", []),
        ("^Northwind", ["router"]),
        ("   ", []),
        ("\x00", []),
        ('"', []),
        ("''", []),
        ("()", []),
        ("kettle)", ["kettle", "broken", "router"]),
        ("a" * 5000, []),
    ],
)
def test_whatever_a_writer_types_is_an_answer(
    index: LibraryIndex, library: Path, query: str, names: list[str]
) -> None:
    assert sorted(hit.path.name for hit in index.search(query, [library])) == sorted(names)


@pytest.mark.parametrize("query", ["kettle", "louder OR zeppelin", 'kettle "holds AND', "zebra"])
def test_snippets_for_the_first_hits_then_for_the_others_asked_by_their_bundles(
    index: LibraryIndex, library: Path, query: str
) -> None:
    whole = index.search(query, [library])
    first = index.search(query, [library], snippets=1)
    assert [hit.path for hit in first] == [hit.path for hit in whole]
    assert first[:1] == whole[:1]
    assert all((hit.field, hit.snippet) == ("", "") for hit in first[1:])
    rest = [hit.path for hit in first[1:]]
    later = {hit.path: hit for hit in index.search(query, rest, limit=len(rest))}
    assert [later[path] for path in rest] == whole[1:]
    none = index.search(query, [library], snippets=0)
    assert [(hit.path, hit.snippet) for hit in none] == [(hit.path, "") for hit in whole]


def test_a_match_the_pattern_misses_gets_fts5s_own_snippet(
    index: LibraryIndex, library: Path
) -> None:
    """`title:router OR kettle`: the router's title has no kettle and its body is outside the
    filter the snippets keep to; FTS5's snippets show the body's kettle."""
    hits = {hit.path.name: hit for hit in index.search("title:router OR kettle", [library])}
    assert hits["router"].field == "title"
    assert hits["kettle"].field == "title"
    hits = {hit.path.name: hit for hit in index.search("title:zeppelin OR louder", [library])}
    assert hits["router"] == Hit(
        library / "router",
        "body",
        f"Its fan hums. The kettle in the next room is {S}louder{E}. Café owners like the range.\n",
    )


def test_the_limit_and_the_folders(index: LibraryIndex, library: Path, tmp_path: Path) -> None:
    assert len(index.search("kettle", [library], limit=1)) == 1
    assert index.search("kettle", [library], limit=0) == []
    assert index.search("kettle", [tmp_path / "elsewhere"]) == []
    assert [hit.path.name for hit in index.search("kettle", [library / "router"])] == ["router"]


def test_snippet_markers_in_a_review_are_no_matches(tmp_path: Path) -> None:
    folder = write(tmp_path / "reviews" / "odd", "Odd", f"A {S}strange{E} body with a kettle.\n")
    with LibraryIndex(tmp_path / "library.sqlite3") as index:
        index.refresh([folder.parent])
        ((_name, _field, snippet),) = found(index, folder.parent, "kettle")
    assert snippet == f"A  strange  body with a {S}kettle{E}.\n"


# --- any query ---------------------------------------------------------------------------------

queries = st.text(
    alphabet=st.sampled_from(list("abc kettle\"*-:(){}^+,.'ÉéAND OR NOT NEAR title\x00\n")),
    max_size=30,
) | st.text(max_size=30)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=queries)
def test_any_query_is_answered(index: LibraryIndex, library: Path, query: str) -> None:
    for hit in index.search(query, [library]):
        assert hit.snippet.count(MATCH_START) == hit.snippet.count(MATCH_END)
        assert hit.field in library_search.SHOWN_FIRST


@settings(max_examples=500, deadline=None)
@given(query=queries)
def test_plain_words_are_always_fts5(query: str) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(a, b)")
    db.execute("INSERT INTO t VALUES ('kettle abc', 'title')")
    expression = library_search.plain_expression(query)
    if expression:
        db.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()


VOCABULARY = ["kettle", "Kettle", "abc", "café", "CAFE", "x9"]
noise = st.text(max_size=100).map(lambda text: text.replace(S, "").replace(E, ""))
# Not a lone '"': a phrase to the end of the query holds the other word too.
openings = st.sampled_from(["", "-", "(", "OR ", "NOT ", "title:", "{a b}:", "^", "NEAR("])
closings = st.sampled_from(["", " ", "*", ")", " OR", " NOT", ", 3)"])


@settings(max_examples=300, deadline=None)
@given(
    around=st.tuples(noise, st.sampled_from(VOCABULARY), noise),
    query=st.tuples(openings, closings, st.sampled_from(VOCABULARY)),
)
def test_a_snippet_is_the_text_with_marks(
    around: tuple[str, str, str], query: tuple[str, str, str]
) -> None:
    """A word of the query, whatever its syntax around, is found in any text holding it."""
    before, word, after = around
    opening, closing, other = query
    quoted = f'"{word.swapcase()}"' if opening == closing == "" else word.swapcase()
    words = library_snippet.highlighter(f"{opening}{quoted}{closing} {other}")
    text = f"{before} {word} {after}"
    assert words is not None
    shown = library_snippet.snippet(words, text)
    assert shown is not None
    assert shown.count(MATCH_START) == shown.count(MATCH_END) >= 1
    bare = shown.replace(MATCH_START, "").replace(MATCH_END, "")
    assert bare.removeprefix("…").removesuffix("…") in text
