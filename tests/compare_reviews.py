"""Three reviews to compare, as bundles: the sample and two variants of it in original words,
which share some criteria and specs with it (written in another case), have some of their own
and lack others, rate on another scale or not at all, and have a thumbnail or none. Used by the
comparison's tests and by scripts/page-screenshots."""

from __future__ import annotations

import shutil
from pathlib import Path

from reviewdesk.core import bundle
from reviewdesk.core.model import Hero, Offer, Rating, Review, Score, Seo, Spec, Subject
from reviewdesk.core.resources import resource


def brightloom(sample: Review) -> Review:
    """Rated on a 10-point scale, in British English, its hero a chart."""
    return sample.model_copy(
        update={
            "title": "Brightloom 2 Review: Quick Answers, Short Memory",
            "slug": "brightloom-2-review",
            "language": "en-GB",
            "subject": Subject(
                name="Brightloom 2", type="SoftwareApplication", brand="Cobalt Reach"
            ),
            "rating": Rating(value=7.5, best=10, worst=1),
            "scores": [
                Score(name="writing and EDITING", value=7),
                Score(name="Tool calling", value=6.5),
                Score(name="Privacy", value=9, weight=2),
                Score(name="Speed on a laptop", value=9.5),
            ],
            "verdict": (
                'The quickest of the three to answer, and the one to pick for "chat with my '
                'notes" on an old laptop -- as long as the notes are short.'
            ),
            "best_for": ["Old laptops with 8 GB of memory", "Quick questions about short notes"],
            "skip_if": ["You need tool calls that never miss a field"],
            "pros": ["Answers in under a second on a five-year-old laptop", "Tiny download"],
            "cons": ["Forgets the start of anything longer than a few pages", "Sloppy JSON"],
            "specs": [
                Spec(name="parameters", value="1.6 billion"),
                Spec(name="Context window", value="16,000 tokens"),
                Spec(name="Languages", value="English, German, Spanish"),
                Spec(name="Licence", value="Apache 2.0"),
            ],
            "offers": [
                Offer(
                    seller="Cobalt Reach",
                    url="https://example.org/cobalt/brightloom",
                    price=0,
                    currency="EUR",
                ),
            ],
            "disclosure": "",
            "hero": Hero(
                image="assets/chart.png", alt="A bar chart of answer times on five laptops"
            ),
            "seo": Seo(canonical_url="https://example.org/reviews/brightloom-2"),
            "body": "Brightloom 2 is the smallest model we tested this spring.\n",
        }
    )


def pellucid(sample: Review) -> Review:
    """No rating of its own (the scores make one), no verdict, no picture, no page yet; a
    sponsored offer with its disclosure."""
    return sample.model_copy(
        update={
            "title": "Pellucid Nano Review",
            "slug": "pellucid-nano-review",
            "subject": Subject(
                name="Pellucid Nano", type="SoftwareApplication", brand="Marrow & Finch"
            ),
            "rating": None,
            "scores": [
                Score(name="Writing and editing", value=3.5),
                Score(name="Long context", value=4.5),
                Score(name="Battery drain", value=4),
            ],
            "verdict": "",
            "best_for": ["Long transcripts on a phone"],
            "skip_if": [],
            "pros": ["Keeps track of a 40,000-token transcript", "Gentle on a phone's battery"],
            "cons": ["Stiff, repetitive prose"],
            "specs": [
                Spec(name="Parameters", value="2.2 billion"),
                Spec(name="Context window", value="128,000 tokens"),
            ],
            "offers": [
                Offer(
                    seller="Tessel Market",
                    url="https://example.org/tessel/pellucid-nano",
                    price=4.99,
                    currency="EUR",
                    sponsored=True,
                ),
            ],
            "disclosure": "Tessel Market pays us a share of every subscription made through us.",
            "hero": None,
            "seo": None,
            "body": "Pellucid Nano reads long documents on small devices.\n",
        }
    )


def write_bundles(folder: Path) -> list[Path]:
    """The sample, Brightloom 2 and Pellucid Nano as bundles in `folder`, in that order."""
    sample = folder / "wrenfall"
    shutil.copytree(resource("sample"), sample)
    review = bundle.load(sample)
    made = [sample]
    for name, variant in (("brightloom", brightloom(review)), ("pellucid", pellucid(review))):
        target = folder / name
        target.mkdir()
        if variant.hero is not None:
            (target / "assets").mkdir()
            shutil.copyfile(sample / variant.hero.image, target / variant.hero.image)
        bundle.save(variant, target)
        made.append(target)
    return made
