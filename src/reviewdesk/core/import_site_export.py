"""A page or post that ReviewDesk's Hugo or Jekyll export wrote, read back as the review it was
written from. Its front matter has ReviewDesk's own key (`reviewdesk`, exports/site_keys.py),
which says which site's names the keys have and which of the review's keys the review left
unset: every key the export writes is read back into its field as written, and every other
key is the review's `extra`, as it was. Nothing is guessed, as it is for the front matter of
any other post (import_fields.py)."""

from __future__ import annotations

from typing import Any

from reviewdesk.core.exports.site_keys import OWN_KEY, SITES, SiteKeys
from reviewdesk.core.import_fields import FieldPath, Mapped
from reviewdesk.core.model import FORMAT, Status

# Review keys the export writes under their own names.
_SAME_NAMES = (
    "title", "subtitle", "slug", "language", "status", "badges", "subject", "rating", "scores",
    "tags", "hero", "summary", "verdict", "best_for", "skip_if", "pros", "cons", "key_features",
    "key_insights", "specs", "offers", "disclosure", "updates", "seo",
)  # fmt: skip


def site_of(front: dict[str, Any]) -> SiteKeys | None:
    """The keys of the site whose ReviewDesk export `front` is; None for any other post."""
    own = front.get(OWN_KEY)
    if not isinstance(own, dict) or own.get("format") != FORMAT:
        return None
    return SITES.get(str(own.get("export")))


def from_front_matter(front: dict[str, Any]) -> Mapped | None:
    """The review's keys of a ReviewDesk export's front matter; None when `front` is none."""
    site = site_of(front)
    if site is None:
        return None
    reader = _Reader(front, site)
    reader.read()
    return reader.mapped()


class _Reader:
    def __init__(self, front: dict[str, Any], site: SiteKeys) -> None:
        self.front = front
        self.site = site
        unset = front[OWN_KEY].get("unset")
        self.unset = (
            {name for name in unset if isinstance(name, str)} if isinstance(unset, list) else set()
        )
        self.data: dict[str, Any] = {"format": FORMAT}
        self.origins: dict[FieldPath, str] = {}
        self.notes: list[tuple[str, str]] = []
        self.extra: dict[str, Any] = {}

    def read(self) -> None:
        for name in _SAME_NAMES:
            self.take(name, name)
        self.take("published", "date")
        self.take("updated", self.site.updated)
        if "status" not in self.data and isinstance(live := self.front.get(self.site.live), bool):
            status = Status.PUBLISHED if live == self.site.live_value else Status.DRAFT
            self.put("status", self.site.live, status.value)
        categories = self.front.get("categories")
        if isinstance(categories, list) and len(categories) == 1:
            self.put("category", "categories", categories[0])
        else:
            self.take("category", "categories")  # the review refuses it: kept under extra
        self._authors()
        for key, value in self.front.items():
            if key not in self.site.own:
                self.extra[key] = value

    def take(self, name: str, key: str) -> None:
        if key in self.front and name not in self.unset:
            self.put(name, key, self.front[key])

    def put(self, name: str, key: str, value: Any) -> None:
        self.data[name] = value
        self.origins[(name,)] = key

    def _authors(self) -> None:
        """Their names, with the links `author_urls` gives them in the same order."""
        names, urls = self.front.get("authors"), self.front.get("author_urls")
        if urls is not None and not (
            isinstance(names, list) and isinstance(urls, list) and len(names) == len(urls)
        ):
            self.extra["author_urls"] = urls
            self.notes.append(("author_urls", "not one link per author; kept under extra"))
            urls = None
        if names is None or urls is None:
            self.take("authors", "authors")
            return
        authors = [
            {"name": name} | ({"url": url} if url else {})
            for name, url in zip(names, urls, strict=True)
        ]
        self.put("authors", "authors", authors)

    def mapped(self) -> Mapped:
        if self.extra:
            self.data["extra"] = self.extra
        return Mapped(self.data, self.origins, self.notes, [], {key: key for key in self.extra})
