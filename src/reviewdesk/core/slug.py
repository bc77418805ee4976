"""URL slugs: lower-case ASCII words joined by hyphens, from any script."""

import re

from anyascii import anyascii

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_LENGTH = 80


def slugify(text: str) -> str:
    """`Ünïcode Café — 2.0!` -> `unicode-cafe-2-0`; non-Latin scripts are transliterated."""
    words = re.findall(r"[a-z0-9]+", anyascii(text).lower())
    slug = "-".join(words)
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0]
    return slug


def is_slug(text: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, text) is not None


def title_from_name(name: str) -> str:
    """A review's first title from its folder's or file's name: `my-first-review` ->
    `my first review`, but a name with spaces is kept as written (`Sony WH-1000XM5 review`
    keeps the hyphen of the model's name)."""
    title = name.strip() if " " in name.strip() else name.replace("-", " ").strip()
    return title or "Untitled review"
