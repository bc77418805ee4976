"""Deterministic, realistic reviews for benchmarks: `make_review(words, seed)` and
`write_bundle(folder, words, seed)`.

The same (words, seed) always gives the same review, byte for byte: every choice comes
from one seeded `random.Random`, never from the clock or from hash order. The body is
Markdown of exactly `words` words (as `count_words` counts them: the words a reader sees,
so list markers, table rules and link targets are not words) in `##` sections of about
400 words, with the inline and block markup real reviews use.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from reviewdesk.core import bundle
from reviewdesk.core.model import Author, Hero, Rating, Review, Seo, Status, Subject
from reviewdesk.core.resources import resource
from reviewdesk.core.slug import slugify

__all__ = ["count_words", "make_review", "write_bundle"]

HERO_PATH = "assets/hero.png"

# --- vocabulary --------------------------------------------------------------------------------


def _wordlist(text: str) -> list[str]:
    return text.split()


_DETERMINERS = _wordlist("the a this every our its each that one another")
_ADJECTIVES = _wordlist("""
    small large quick slow quiet loud bright dark light heavy cheap expensive simple clever
    careful solid fragile smooth rough warm cool fresh modern classic compact generous narrow
    wide clear sharp soft firm steady reliable useful handy plain elegant sturdy tidy neat
    honest modest decent fine good great better strong weak early late recent common rare
    familiar strange pleasant awkward comfortable crisp gentle rich thin thick long short
    broad safe busy calm easy hard patient practical precise flexible portable durable
    """)
_NOUNS = _wordlist("""
    battery screen keyboard speaker button case cable charger strap lens sensor menu app
    setting update feature design price value budget box manual guide lid hinge port drive
    fan motor handle surface edge corner frame panel light sound noise signal range network
    connection account profile habit routine morning evening week month day hour minute
    kitchen desk office garden room house city street trip journey train car bike bag
    pocket table chair window door wall floor shelf drawer lamp clock phone tablet laptop
    camera watch kettle printer router monitor mouse headset player card photo picture
    video song story review test result score choice option model version brand company
    shop store maker user reader writer friend family team colleague customer owner price
    material plastic metal glass fabric leather paper wood weight size shape colour finish
    grip balance speed power memory storage support warranty service repair problem answer
    """)
_VERBS = _wordlist("""
    feels looks sounds works runs holds keeps makes takes gives shows brings needs wants
    offers adds saves costs lasts fits turns moves opens closes starts stops charges lights
    handles manages reaches follows matches beats improves helps suits lets leaves finds
    meets misses carries fills covers delivers earns asks allows explains supports replaces
    survives outlasts frustrates surprises rewards
    """)
_ADVERBS = _wordlist("""
    quickly slowly quietly easily clearly nearly rarely often always never usually simply
    really fairly quite mostly mainly barely gently firmly neatly properly smoothly
    """)
_PREPOSITIONS = _wordlist("in on at with without for from under over near after before during")
_CONJUNCTIONS = _wordlist("and but while because although so yet and")  # "and" twice
_CODE = _wordlist("""
    review.yaml body.md settings.json config.toml --verbose --dry-run load() save()
    max_volume auto_off utf-8 README PATH sleep_mode fan_curve
    """)
_BRANDS = _wordlist("""
    Northwind Halden Ashgrove Brightmoor Corvale Dunmere Elmstead Fernhill Glenrock
    Harrowby Ivybridge Kestrel Larkspur Millbrook Oakhurst Pinecrest Quarrystone Redwater
    """)
_PRODUCTS = _wordlist("""
    Kettle Headphones Router Laptop Camera Monitor Keyboard Speaker Tablet Printer
    Blender Lamp Backpack Watch Drone
    """)
_CATEGORIES = ["Home", "Audio", "Computing", "Photography", "Outdoors", "Kitchen", "Wearables"]
_PEOPLE = [
    "Mara Ellison", "Tomas Okafor", "Lena Fischer", "Ravi Menon",
    "Aiko Tanaka", "Sam Whitlock", "Ines Duarte", "Jonah Price",
]  # fmt: skip
_TABLE_HEADS = [
    ("Aspect", "Verdict", "Score"),
    ("Test", "Result", "Rating"),
    ("Area", "What we found", "Mark"),
]

# A clause is a part-of-speech pattern; sentences are clauses run together and cut to length.
_CLAUSES: tuple[tuple[list[str], ...], ...] = (
    (_DETERMINERS, _ADJECTIVES, _NOUNS, _VERBS, _DETERMINERS, _NOUNS),
    (_NOUNS, _VERBS, _ADVERBS),
    (_PREPOSITIONS, _DETERMINERS, _ADJECTIVES, _NOUNS),
    (_CONJUNCTIONS, _DETERMINERS, _NOUNS, _VERBS, _ADJECTIVES),
    (_DETERMINERS, _NOUNS, _PREPOSITIONS, _DETERMINERS, _NOUNS),
    (_ADVERBS, _VERBS, _DETERMINERS, _ADJECTIVES, _NOUNS),
)

_WORD = re.compile(r"\S*[A-Za-z]\S*")


def count_words(markdown: str) -> int:
    """The words of a Markdown text: runs of non-space holding a letter (`-`, `1.`, `|`,
    `---`, `##`, `>` and numbers are not words; `[two words](url)` is two)."""
    return len(_WORD.findall(markdown))


# --- prose -------------------------------------------------------------------------------------


def _words(rng: random.Random, n: int) -> list[str]:
    """`n` words that read roughly like English."""
    out: list[str] = []
    while len(out) < n:
        out += [rng.choice(part) for part in rng.choice(_CLAUSES)]
    return out[:n]


def _sentence(rng: random.Random, n: int) -> str:
    words = _words(rng, n)
    if n >= 8 and rng.random() < 0.4:
        cut = rng.randint(3, n - 4)
        words[cut] += ","
    return " ".join(words).capitalize() + "."


def _sentences(rng: random.Random, n: int, shortest: int = 7, longest: int = 22) -> list[str]:
    """Sentences of `n` words in all."""
    out: list[str] = []
    left = n
    while left > 0:
        size = rng.randint(shortest, longest)
        if left - size < 5:
            size = left
        out.append(_sentence(rng, size))
        left -= size
    return out


def _phrase(rng: random.Random, low: int, high: int) -> str:
    """A capitalised phrase without a full stop (list items, headings' raw words)."""
    return " ".join(_words(rng, rng.randint(low, high))).capitalize()


def _mark_up(rng: random.Random, tokens: list[str]) -> None:
    """Add *emphasis*, **strong**, `code` and [links](...) in place, on spans that do not
    touch each other, keeping the word count."""
    used: set[int] = set()

    def span(most: int) -> tuple[int, int] | None:
        for _ in range(5):
            if len(tokens) < 8:
                return None
            first = rng.randint(1, len(tokens) - 2 - most)
            last = first + rng.randint(0, most - 1)
            if used.isdisjoint(range(first - 1, last + 2)):
                used.update(range(first, last + 1))
                return first, last
        return None

    def wrap(where: tuple[int, int], before: str, after: str) -> None:
        first, last = where
        word = tokens[last].rstrip(",.")  # punctuation stays outside the markup
        tokens[last] = word + after + tokens[last][len(word) :]
        tokens[first] = before + tokens[first]

    if rng.random() < 0.55 and (where := span(3)):
        mark = "**" if rng.random() < 0.25 else "*"
        wrap(where, mark, mark)
    if rng.random() < 0.35 and (where := span(1)):
        word = tokens[where[0]].rstrip(",.")
        tokens[where[0]] = f"`{rng.choice(_CODE)}`" + tokens[where[0]][len(word) :]
    if rng.random() < 0.4 and (where := span(3)):
        words = [tokens[i].rstrip(",.").lower() for i in range(where[0], where[1] + 1)]
        wrap(where, "[", f"](https://example.org/{'-'.join(words)})")


def _paragraph(rng: random.Random, n: int) -> str:
    tokens = " ".join(_sentences(rng, n)).split(" ")
    _mark_up(rng, tokens)
    return " ".join(tokens)


# --- blocks ------------------------------------------------------------------------------------


def _heading(rng: random.Random) -> str:
    return "## " + " ".join(word.capitalize() for word in _words(rng, rng.randint(2, 5)))


def _bullets(rng: random.Random) -> str:
    items = []
    for _ in range(rng.randint(3, 6)):
        tokens = _phrase(rng, 4, 12).split(" ")
        if rng.random() < 0.3:
            tokens[0] = f"**{tokens[0]}**"
        items.append("- " + " ".join(tokens))
    return "\n".join(items)


def _numbered(rng: random.Random) -> str:
    count = rng.randint(3, 5)
    return "\n".join(f"{i}. {_phrase(rng, 5, 12)}." for i in range(1, count + 1))


def _table(rng: random.Random) -> str:
    heads = rng.choice(_TABLE_HEADS)
    lines = [f"| {' | '.join(heads)} |", "| --- | --- | ---: |"]
    for _ in range(rng.randint(3, 5)):
        aspect = _phrase(rng, 1, 2)
        verdict = _phrase(rng, 1, 3)
        lines.append(f"| {aspect} | {verdict} | {rng.randint(4, 10) / 2:.1f} |")
    return "\n".join(lines)


def _quote(rng: random.Random) -> str:
    lines = _sentences(rng, rng.randint(20, 45), 6, 16)
    return "\n".join("> " + line for line in lines)


# Blocks that may follow a paragraph, with their weights; none exceeds 100 words.
_EXTRAS: tuple[tuple[Callable[[random.Random], str], float], ...] = (
    (_bullets, 0.16),
    (_numbered, 0.05),
    (_table, 0.05),
    (_quote, 0.06),
)
# A section ends at the first paragraph end past this many words: about 400 words apart.
_SECTION_LOW, _SECTION_HIGH = 300, 400
_EXTRA_ROOM = 250  # words that must remain before an extra block or a heading is added


def _next_block(rng: random.Random, left: int, since_heading: int, section: int) -> str:
    if since_heading >= section and left > _EXTRA_ROOM:
        return _heading(rng)
    if since_heading >= 60 and left > _EXTRA_ROOM:
        pick = rng.random()
        for make, weight in _EXTRAS:
            if pick < weight:
                return make(rng)
            pick -= weight
    size = rng.randint(60, 150)
    if left <= 150:
        size = left
    elif left - size < 60:
        size = left - 60
    return _paragraph(rng, size)


def make_body(rng: random.Random, words: int) -> str:
    """Markdown of exactly `words` words (see `count_words`)."""
    blocks: list[str] = []
    total = since_heading = 0
    section = rng.randint(_SECTION_LOW, _SECTION_HIGH)
    last_was_paragraph = False
    while total < words:
        block = _next_block(rng, words - total, since_heading if last_was_paragraph else 0, section)
        last_was_paragraph = not block.startswith(("## ", "- ", "1. ", "| ", "> "))
        if block.startswith("## "):
            since_heading, section = 0, rng.randint(_SECTION_LOW, _SECTION_HIGH)
        count = count_words(block)
        blocks.append(block)
        total += count
        since_heading += count
    return "\n\n".join(blocks) + "\n" if blocks else ""


# --- fields ------------------------------------------------------------------------------------


def _distinct(count: int, make: Callable[[], str]) -> list[str]:
    """`count` items from `make` that differ ignoring case."""
    seen: dict[str, str] = {}
    while len(seen) < count:
        item = make()
        seen.setdefault(item.casefold(), item)
    return list(seen.values())


def _tags(rng: random.Random, *fixed: str) -> list[str]:
    """`fixed` and two to four more tags, all different ignoring case."""
    tags = {tag.casefold(): tag for tag in fixed}
    wanted = len(tags) + rng.randint(2, 4)
    while len(tags) < wanted:
        tag = rng.choice(_NOUNS).capitalize()
        tags.setdefault(tag.casefold(), tag)
    return list(tags.values())


def _title(rng: random.Random, product: str) -> str:
    for _ in range(100):
        adjectives = rng.sample(_ADJECTIVES, 2)
        title = f"{product} Review: {adjectives[0].capitalize()} and {adjectives[1]}"
        if len(title) <= 60:
            return title
    return f"{product} Review"


def _seo_description(rng: random.Random, product: str) -> str:
    while True:
        text = f"We tested the {product}: {' '.join(_words(rng, rng.randint(8, 14)))}."
        if 50 <= len(text) <= 160:
            return text


def _when(rng: random.Random) -> tuple[date, datetime]:
    published = date(2025, 1, 1) + timedelta(days=rng.randint(0, 480))
    offset = timezone(timedelta(hours=rng.choice([-5, 0, 1, 2, 9])))
    updated = datetime(
        published.year, published.month, published.day, rng.randint(8, 18), 0, tzinfo=offset
    ) + timedelta(days=rng.randint(1, 30))
    return published, updated


def make_review(words: int, seed: int = 0) -> Review:
    """A review with every field filled and a Markdown body of `words` words."""
    rng = random.Random(seed)
    brand, kind = rng.choice(_BRANDS), rng.choice(_PRODUCTS)
    major, minor = rng.randint(2, 9), rng.randint(0, 9)
    product = f"{brand} {kind} {major}"
    title = _title(rng, product)
    slug = slugify(title)
    published, updated = _when(rng)
    category = rng.choice(_CATEGORIES)
    authors = [
        Author(name=name, url=f"https://example.org/authors/{slugify(name)}")
        for name in rng.sample(_PEOPLE, rng.randint(1, 3))
    ]
    return Review(
        title=title,
        subtitle=" ".join(_sentences(rng, rng.randint(16, 28))),
        slug=slug,
        status=Status.READY,
        published=published,
        updated=updated,
        category=category,
        badges=["HANDS-ON"] if rng.random() < 0.5 else ["NEW", "HANDS-ON"],
        authors=authors,
        subject=Subject(
            name=product,
            type="Product",
            brand=brand,
            url=f"https://example.org/{slugify(brand)}/{slugify(product)}",
            version=f"{major}.{minor}",
        ),
        rating=Rating(value=rng.choice([2.5, 3.0, 3.5, 4.0, 4.5]), best=5, worst=1),
        tags=_tags(rng, brand, kind, category),
        hero=Hero(
            image=HERO_PATH,
            alt=_sentences(rng, rng.randint(10, 18), 10, 18)[0],
            caption=f"The {product}, photographed for this review.",
        ),
        summary=" ".join(_sentences(rng, rng.randint(50, 80))),
        pros=_distinct(rng.randint(3, 6), lambda: _phrase(rng, 4, 10)),
        cons=_distinct(rng.randint(3, 5), lambda: _phrase(rng, 4, 10)),
        key_features=_distinct(rng.randint(4, 6), lambda: _phrase(rng, 3, 9)),
        key_insights=_distinct(rng.randint(3, 5), lambda: _sentence(rng, rng.randint(8, 16))),
        seo=Seo(
            title=title,
            description=_seo_description(rng, product),
            canonical_url=f"https://example.org/reviews/{slug}",
        ),
        extra={"generator": "bench.generate", "seed": seed, "words": words},
        body=make_body(rng, words),
    )


def write_bundle(folder: Path, words: int, seed: int = 0) -> Path:
    """Save `make_review(words, seed)` as a bundle at `folder`, with its hero image."""
    bundle.save(make_review(words, seed), folder)
    shutil.copyfile(resource("sample", "assets", "hero.png"), folder / HERO_PATH)
    return folder
