"""Full-text search of the library's index (FTS5), for a query as a writer types it.

A query FTS5 reads is taken as FTS5 reads it (words, "a phrase", prefix*, OR, NOT, NEAR,
title:word). One it refuses (an unclosed quote, a lone AND, `*`, `-word`, `note:word`) is taken
as plain words: each run of non-space a word or phrase, `word*` a prefix, and `-word`, after
something to find, a word the text must not hold. A query never raises."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from reviewdesk.core import library_snippet
from reviewdesk.core.library_entry import MATCH_START, Hit
from reviewdesk.core.library_read import SEARCH_FIELDS

MAX_QUERY_CHARS = 1000  # a pasted page is no query; this bounds the work
# The field a hit shows: the writer's own words about the product before the body, the title
# last (a list shows it anyway).
SHOWN_FIRST = (
    "subtitle",
    "summary",
    "verdict",
    "pros",
    "cons",
    "key_features",
    "key_insights",
    "body",
    "title",
)
_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_HAS_WORD = re.compile(r"[^\W_]")


def expressions(query: str) -> list[str]:
    """The FTS5 expressions to try for `query`, in order: as typed, then as plain words."""
    typed = _without_nul(query).strip()[:MAX_QUERY_CHARS]
    if not typed:
        return []
    plain = plain_expression(typed)
    return [typed, plain] if plain and plain != typed else [typed]


def plain_expression(query: str) -> str:
    """`query` as plain words and phrases FTS5 always reads (see the module's note); "" when
    it holds no word at all."""
    wanted: list[str] = []
    unwanted: list[str] = []
    for match in _TERM.finditer(_without_nul(query)):
        quoted_not, phrase, bare = match.groups()
        if bare is None:
            term, prefix, excluded = phrase, False, bool(quoted_not)
        else:
            excluded = bare.startswith("-")
            term = bare.lstrip("-")
            prefix = term.endswith("*")
            term = term.rstrip("*")
        if not _HAS_WORD.search(term):
            continue  # nothing FTS5 would index: `*`, `-`, `:`
        quoted = '"' + term.replace('"', '""') + '"' + (" *" if prefix else "")
        (unwanted if excluded else wanted).append(quoted)
    if not wanted:  # `-word` alone: there is nothing to take it from, so it is a word
        wanted, unwanted = unwanted, []
    if not wanted:
        return ""
    if not unwanted:
        return " ".join(wanted)
    return f"({' '.join(wanted)}) NOT ({' OR '.join(unwanted)})"


def _without_nul(text: str) -> str:
    return text.replace("\x00", " ")  # FTS5 reads a query up to its first NUL


def search(  # noqa: PLR0917 (the index's query, its condition and its bounds, in order)
    db: sqlite3.Connection,
    query: str,
    where: str,
    parameters: Sequence[object],
    limit: int,
    snippets: int | None = None,
) -> list[Hit]:
    """The best `limit` bundles matching `query` among those `where` admits (an SQL condition
    on `bundles.path`, with its `parameters`), best first; the words around the matches for
    the first `snippets` of them (None: all), the others' field and snippet "" (a list shows
    a screenful at once: their texts are not even read)."""
    tried = expressions(query)
    for number, expression in enumerate(tried):
        try:
            sql = _SEARCH.format(where=where)
            rows = db.execute(sql, (expression, *parameters, max(limit, 0))).fetchall()
        except sqlite3.OperationalError as error:
            if _is_query_error(error) and number + 1 < len(tried):
                continue  # not FTS5 as typed: as plain words
            if _is_query_error(error):
                return []
            raise
        shown = len(rows) if snippets is None else max(0, min(snippets, len(rows)))
        texts = _texts(db, [rowid for _path, rowid in rows[:shown]])
        words = library_snippet.highlighter(expression)
        return [
            _hit(db, expression, words, Path(path), rowid, texts[rowid])
            if number < shown
            else Hit(Path(path), "", "")
            for number, (path, rowid) in enumerate(rows)
        ]
    return []


def _texts(db: sqlite3.Connection, rowids: list[int]) -> dict[int, tuple[str, ...]]:
    """The searched fields of the bundles `rowids`, in SEARCH_FIELDS order."""
    found: dict[int, tuple[str, ...]] = {}
    for start in range(0, len(rowids), _IDS_A_QUERY):
        chunk = rowids[start : start + _IDS_A_QUERY]
        sql = _TEXTS.format(ids=", ".join("?" * len(chunk)))
        for rowid, *texts in db.execute(sql, chunk):
            found[rowid] = tuple(str(text) for text in texts)
    return found


def _is_query_error(error: sqlite3.OperationalError) -> bool:
    """FTS5's refusals of a query (syntax, no such column, an unknown special query) are
    SQLITE_ERROR; busy, full or read-only files have codes of their own."""
    return getattr(error, "sqlite_errorcode", sqlite3.SQLITE_ERROR) == sqlite3.SQLITE_ERROR


def _hit(  # noqa: PLR0917 (a row of the search and what it is shown with)
    db: sqlite3.Connection,
    expression: str,
    words: library_snippet.Highlighter | None,
    path: Path,
    rowid: int,
    texts: tuple[str, ...],
) -> Hit:
    """The first field in SHOWN_FIRST with a match, the words around it."""
    if words is not None:
        for field in SHOWN_FIRST:
            if words.columns and field not in words.columns:
                continue
            found = library_snippet.snippet(words, texts[_FIELD_AT[field]])
            if found is not None:
                return Hit(path, field, library_snippet.readable(found))
    # A match only FTS5 sees (a letter it folds that the pattern does not): its own snippets.
    snippets = db.execute(_SNIPPETS, (expression, rowid)).fetchone() or ("",) * len(SEARCH_FIELDS)
    counts = [snippet.count(MATCH_START) for snippet in snippets]
    best = counts.index(max(counts))
    return Hit(path, SEARCH_FIELDS[best], library_snippet.readable(snippets[best]))


_SEARCH = (
    "SELECT bundles.path, texts.rowid "
    "FROM texts JOIN bundles ON bundles.id = texts.rowid "
    "WHERE texts MATCH ? AND ({where}) ORDER BY rank LIMIT ?"
)
_TEXTS = f"SELECT rowid, {', '.join(SEARCH_FIELDS)} FROM texts WHERE rowid IN ({{ids}})"
_IDS_A_QUERY = 500  # SQLite before 3.32 takes at most 999 parameters
_FIELD_AT = {field: number for number, field in enumerate(SEARCH_FIELDS)}
_SNIPPETS = (
    "SELECT "
    + ", ".join(
        f"snippet(texts, {column}, char(2), char(3), '{library_snippet.ELLIPSIS}', "
        f"{library_snippet.SNIPPET_WORDS})"
        for column in range(len(SEARCH_FIELDS))
    )
    + " FROM texts WHERE texts MATCH ? AND rowid = ?"
)
