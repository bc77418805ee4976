"""`--to json`: the generic CMS payload: the review's fields, the rendered HTML and the
JSON-LD. Its JSON Schema (`payload_schema()`) is published as docs/json-export.schema.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from reviewdesk import __version__
from reviewdesk.core import render
from reviewdesk.core.exports.base import ExportOptions, ExportResult
from reviewdesk.core.jsonld import review_jsonld
from reviewdesk.core.layout import LayoutOptions, render_article
from reviewdesk.core.markdown_body import render_markdown
from reviewdesk.core.model import LATER_KEYS, Review

PAYLOAD_FORMAT = "reviewdesk-json/1"


class JsonPayload(BaseModel):
    """What `reviewdesk export --to json` prints."""

    payload: Literal["reviewdesk-json/1"] = Field(description="Version of this payload's shape.")
    generator: str = Field(description="The program that wrote it, with its version.")
    slug: str = Field(description="The slug to publish under (given or derived from the title).")
    review: Review = Field(description="Every field of review.yaml, unknown keys included.")
    body_markdown: str = Field(description="body.md as written.")
    body_html: str = Field(description="The body rendered to sanitized HTML.")
    article_html: str = Field(description="The whole published layout of the article, as HTML.")
    images: list[str] = Field(description="Image paths the HTML refers to, hero first.")
    jsonld: dict[str, Any] = Field(description="schema.org JSON-LD for the page's head.")


def payload_schema() -> dict[str, Any]:
    schema = JsonPayload.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://reviewdesk.example/schemas/json-export.schema.json"
    return schema


def export(review: Review, folder: Path, options: ExportOptions, stem: str) -> ExportResult:
    files, warnings = render.local_assets(review, folder)
    base = options.asset_base_url
    body_html = render_markdown(review.body, raw_html=options.raw_html, language=review.language)
    layout = LayoutOptions(
        summary_label=options.summary_label, asset_base=base.rstrip("/") + "/" if base else ""
    )
    hero = render.absolute_url(base, review.hero.image) if review.hero else None
    canonical = review.seo.canonical_url if review.seo else None
    payload = JsonPayload(
        payload=PAYLOAD_FORMAT,
        generator=f"ReviewDesk {__version__}",
        slug=review.effective_slug,
        review=review,
        body_markdown=review.body,
        body_html=body_html,
        article_html=render_article(review, body_html, layout),
        images=[render.absolute_url(base, f.target) for f in files],
        jsonld=review_jsonld(review, page_url=canonical, image_url=hero, typeset=True),
    )
    data = payload.model_dump(mode="json")
    data["review"] = {
        key: value
        for key, value in data["review"].items()
        if key not in LATER_KEYS or value != Review.model_fields[key].default
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return ExportResult(text, ".json", (), tuple(warnings))
