"""What a site's theme prints around a post by itself, so the article leaves it out."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Final


@dataclass(frozen=True)
class ThemeParts:
    """True: the theme prints this part from the post's own fields (title, excerpt, featured
    image, tags, author), so the article does not repeat it. Most themes print them all."""

    title: bool = True
    excerpt: bool = True
    featured_image: bool = True
    tags: bool = True
    byline: bool = True

    @classmethod
    def named(cls, names: list[str]) -> ThemeParts:
        """From the names of the parts the theme prints; ValueError naming an unknown one."""
        unknown = sorted(set(names) - set(PART_NAMES))
        if unknown:
            raise ValueError(f"unknown theme part {unknown[0]!r}; known: {', '.join(PART_NAMES)}")
        return cls(**{name: name in names for name in PART_NAMES})

    def names(self) -> list[str]:
        return [name for name in PART_NAMES if getattr(self, name)]


PART_NAMES: Final = tuple(field.name for field in fields(ThemeParts))
