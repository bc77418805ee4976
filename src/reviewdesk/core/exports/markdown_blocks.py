"""The review blocks as the Markdown export shows them: a reader of the file (a forge, a note
app, a static site whose theme knows nothing of our keys) sees them with the body, not only as
front matter. In the layout's order (resources/templates/article.html.j2): before the body the
verdict, "Best for" and "Skip if"; after it the scores, the specifications, where to buy (the
disclosure before the first link, sponsored links named so in words: Markdown has no `rel`)
and the update log, latest first. Dates read in the review's language; text as typed, as the
body is (the Markdown is the review's source, not its typeset page).

Each group stands between two comment lines, which no Markdown renderer shows:

    <!-- reviewdesk: the review's blocks, shown from the front matter: edit them there -->
    ...
    <!-- /reviewdesk -->

The front matter holds the data; these are its picture. `split` takes them off again for the
import, which compares them with what the front matter shows and says when they differ (a
writer edited the picture): the body comes back as it was, the blocks from the front matter.
A review without blocks gets nothing, so its file is what it was before they existed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewdesk.core.dates import human_date
from reviewdesk.core.layout import format_number, format_price, format_score, updates_newest_first
from reviewdesk.core.model import Offer, Review
from reviewdesk.core.shown_text import paragraphs

__all__ = ["CLOSE", "OPEN", "Split", "after_body", "before_body", "differences", "shown", "split"]

OPEN = "<!-- reviewdesk: the review's blocks, shown from the front matter: edit them there -->"
CLOSE = "<!-- /reviewdesk -->"


def shown(review: Review) -> str:
    """The body of `review`'s Markdown file: the blocks before and after its body."""
    before, after = before_body(review), after_body(review)
    head = f"{OPEN}\n\n{before}\n{CLOSE}\n\n" if before else ""
    tail = f"\n\n{OPEN}\n\n{after}\n{CLOSE}\n" if after else ""
    return head + review.body + tail


@dataclass(frozen=True)
class Split:
    """A Markdown file's body taken apart: the blocks shown before and after the review's
    own body (None when not there), and on which line of the file's body (0-based) the
    blocks after it start."""

    before: str | None
    body: str
    after: str | None
    after_line: int = 0


def split(text: str) -> Split:
    """The reverse of `shown`: its groups of blocks off `text` (a file's body). Each group is
    taken only where `shown` puts it and whole, both comment lines in place."""
    before = after = None
    skipped = 0
    start, end_of_head = f"{OPEN}\n\n", f"\n{CLOSE}\n\n"
    if text.startswith(start) and (end := text.find(end_of_head, len(start))) >= 0:
        before, skipped = text[len(start) : end], end + len(end_of_head)
    rest = text[skipped:]
    start_of_tail, end_of_tail = f"\n\n{OPEN}\n\n", f"\n{CLOSE}\n"
    if not (rest.endswith(end_of_tail) and (begin := rest.rfind(start_of_tail)) >= 0):
        return Split(before, rest, None)
    after = rest[begin + len(start_of_tail) : -len(end_of_tail)]
    return Split(before, rest[:begin], after, text.count("\n", 0, skipped + begin) + 2)


def differences(review: Review, found: Split) -> list[tuple[int, str]]:
    """Where the blocks `found` in a file differ from those `review`'s front matter shows
    (they were edited as Markdown): the line of each group in the file's body (0-based) and
    what to say of it."""
    notes = []
    for line, place, seen, expected in (
        (0, "before", found.before, before_body(review)),
        (found.after_line, "after", found.after, after_body(review)),
    ):
        if (seen or "") != expected:
            notes.append(
                (
                    line,
                    f"the review's blocks shown {place} the body differ from the front matter; "
                    "the front matter's are kept (edit them there)",
                )
            )
    return notes


def before_body(review: Review) -> str:
    """The verdict, "Best for" and "Skip if", each a section; "" when the review has none."""
    return _sections(
        _paragraphs("Verdict", review.verdict),
        _list("Best for", review.best_for),
        _list("Skip if", review.skip_if),
    )


def after_body(review: Review) -> str:
    """The scores, specifications, where to buy and the update log; "" when it has none."""
    return _sections(_scores(review), _specs(review), _where_to_buy(review), _updates(review))


def _sections(*sections: str) -> str:
    """Sections one after the other, a blank line between; each ends with its last line."""
    return "\n".join(section for section in sections if section)


def _paragraphs(heading: str, text: str) -> str:
    found = paragraphs(text)
    if not found:
        return ""
    return f"## {heading}\n\n" + "\n".join(f"{_paragraph(part)}\n" for part in found)


def _list(heading: str, items: list[str]) -> str:
    if not items:
        return ""
    return f"## {heading}\n\n" + "".join(f"- {_inline(item)}\n" for item in items)


def _scores(review: Review) -> str:
    rating = review.overall_rating
    if not review.scores or rating is None:
        return ""
    best = format_number(rating.best)
    weighted = any(score.weight != 1 for score in review.scores)
    head = ["Criterion", "Score", *(["Weight"] if weighted else [])]
    rows = [
        [
            _inline(score.name),
            f"{format_score(score.value)} / {best}",
            *([f"\N{MULTIPLICATION SIGN}{format_number(score.weight)}"] if weighted else []),
        ]
        for score in review.scores
    ]
    text = "## Scores\n\n" + _table(head, rows)
    if review.rating_from_scores:
        text += f"\nOverall: **{format_score(rating.value)}** / {best}, from the scores.\n"
    return text


def _specs(review: Review) -> str:
    if not review.specs:
        return ""
    rows = [[_inline(spec.name), _inline(spec.value)] for spec in review.specs]
    return "## Specifications\n\n" + _table(["Specification", "Value"], rows)


def _where_to_buy(review: Review) -> str:
    """The disclosure, then the offers: the page's order, the disclosure before any link."""
    parts = [f"{_paragraph(part)}\n" for part in paragraphs(review.disclosure)]
    if review.offers:
        parts.append("".join(f"- {_offer(offer, review.language)}\n" for offer in review.offers))
    if not parts:
        return ""
    heading = "Where to buy" if review.offers else "Disclosure"
    return f"## {heading}\n\n" + "\n".join(parts)


def _offer(offer: Offer, language: str) -> str:
    parts = [f"[{_link_text(offer.seller)}]({_destination(offer.url)})"]
    if offer.sponsored:
        parts[0] += " (sponsored link)"
    if offer.price is not None:
        parts.append(format_price(offer.price, offer.currency))
    if offer.checked is not None:
        parts.append(f"checked {human_date(offer.checked, language)}")
    return ", ".join(parts)


def _updates(review: Review) -> str:
    if not review.updates:
        return ""
    lines = (
        f"- **Updated {human_date(update.date, review.language)}:** {_inline(update.note)}\n"
        for update in updates_newest_first(review)
    )
    return "## Updates\n\n" + "".join(lines)


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = [head, ["---"] * len(head), *rows]
    return "".join(f"| {' | '.join(cells)} |\n" for cells in lines)


# --- text as text -------------------------------------------------------------------------------
# The fields are plain text (the page escapes them as such): what Markdown would read as markup
# is escaped, with a backslash where CommonMark and Python-Markdown both take one, else as an
# entity (`<`, an `&` that would start one, the `~` of a strikethrough).

_ANYWHERE = re.compile(r"[\\`*_\[\]|{]")
_ENTITY = re.compile(r"<|&(?=#?\w+;)|(?<![^\n]):(?=[ \t])")
# `:` only at a line's start, where it would make a definition list (Python-Markdown, kramdown).
_ENTITIES = {"<": "&lt;", "&": "&amp;", ":": "&#58;"}
# What makes a line a quote or heading (`>`, `#`: Python-Markdown takes `#a` for one too), list
# item, thematic break or setext underline: a mark at its start followed by a space or the
# line's end, or a run of `-`, `+` or `=`.
_LINE_START = re.compile(
    r"^([ \t]*)([>#]|(?:[+=-]|\d{1,9}(?=[.)]))(?=[.)]?(?:[ \t]|$)|(?<=[-+=])[-+= \t]*$))",
    re.MULTILINE,
)


def _escaped(text: str) -> str:
    text = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], text)
    if text.count("~") > 1:  # one alone strikes nothing through
        text = text.replace("~", "&#126;")
    text = _ANYWHERE.sub(lambda m: "\\" + m.group(0), text)
    return _LINE_START.sub(_escape_start, text)


def _escape_start(match: re.Match[str]) -> str:
    space, mark = match.groups()
    # `1.` is escaped at its dot, `1\.`; `=` as an entity (Python-Markdown takes no `\=`); any
    # other mark with a backslash before it.
    if mark[0].isdigit():
        return f"{space}{mark}\\"
    return f"{space}&#61;" if mark == "=" else f"{space}\\{mark}"


def _paragraph(text: str) -> str:
    """A paragraph of text: its lines kept, each without the spaces around it (two at a
    line's end would be a hard break, four at its start code)."""
    return _escaped("\n".join(line.strip() for line in text.splitlines()))


def _inline(text: str) -> str:
    """Text on one line (a list item, a link's text): its line breaks are spaces, as on the
    page."""
    return _escaped(" ".join(text.split()))


def _link_text(text: str) -> str:
    """A link's text: its brackets as entities (Python-Markdown reads `[\\]:` at a line's
    start as a reference's definition, escaped or not)."""
    return _inline(text).replace("\\[", "&#91;").replace("\\]", "&#93;")


def _destination(url: str) -> str:
    """A link's destination: as written, or between `<` and `>` when it holds what ends one
    (a parenthesis, a backslash)."""
    if re.fullmatch(r"[^\s()<>\\]+", url):
        return url
    return "<" + re.sub(r"([<>\\])", r"\\\1", url) + ">"
