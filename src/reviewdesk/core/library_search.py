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

from reviewdesk.core.library_entry import MATCH_START, Hit
from reviewdesk.core.library_read import SEARCH_FIELDS

MAX_QUERY_CHARS = 1000  # a pasted page is no query; this bounds the work
SNIPPET_TOKENS = 16
_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_HAS_WORD = re.compile(r"[^\W_]")


def expressions(query: str) -> list[str]:
    """The FTS5 expressions to try for `query`, in order: as typed, then as plain words."""
    typed = query.strip()[:MAX_QUERY_CHARS]
    if not typed:
        return []
    plain = plain_expression(typed)
    return [typed, plain] if plain and plain != typed else [typed]


def plain_expression(query: str) -> str:
    """`query` as plain words and phrases FTS5 always reads (see the module's note); "" when
    it holds no word at all."""
    wanted: list[str] = []
    unwanted: list[str] = []
    for match in _TERM.finditer(query):
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


def search(
    db: sqlite3.Connection, query: str, where: str, parameters: Sequence[object], limit: int
) -> list[Hit]:
    """The best `limit` bundles matching `query` among those `where` admits (an SQL condition
    on `bundles.path`, with its `parameters`), best first."""
    tried = expressions(query)
    for number, expression in enumerate(tried):
        try:
            rows = db.execute(_sql(where), (expression, *parameters, max(limit, 0))).fetchall()
        except sqlite3.OperationalError as error:
            if _is_query_error(error) and number + 1 < len(tried):
                continue  # not FTS5 as typed: as plain words
            if _is_query_error(error):
                return []
            raise
        return [_hit(row) for row in rows]
    return []


def _is_query_error(error: sqlite3.OperationalError) -> bool:
    """FTS5's refusals of a query (syntax, no such column, an unknown special query) are
    SQLITE_ERROR; busy, full or read-only files have codes of their own."""
    return getattr(error, "sqlite_errorcode", sqlite3.SQLITE_ERROR) == sqlite3.SQLITE_ERROR


def _sql(where: str) -> str:
    snippets = ", ".join(
        f"snippet(texts, {column}, char(2), char(3), '…', {SNIPPET_TOKENS})"
        for column in range(len(SEARCH_FIELDS))
    )
    return (
        f"SELECT bundles.path, {snippets} FROM texts JOIN bundles ON bundles.id = texts.rowid "
        f"WHERE texts MATCH ? AND ({where}) ORDER BY rank LIMIT ?"
    )


def _hit(row: tuple[str, ...]) -> Hit:
    """The field with the most matches shown (the first of them on a tie)."""
    path, *snippets = row
    counts = [snippet.count(MATCH_START) for snippet in snippets]
    best = counts.index(max(counts))
    return Hit(Path(path), SEARCH_FIELDS[best], snippets[best])
