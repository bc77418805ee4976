"""Scans of a writer's text on openers never closed: `python -m bench.linear_scans [--kb 20 200]`.

For each public function that reads the body or the front matter with patterns, and each
hostile text (one opener repeated), the time at each size and how it grows: about 10x from
20 to 200 KB is linear, about 100x quadratic. tests/core/test_linear_scans.py holds the
bounds; this prints the numbers."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from reviewdesk.core import assets, front_matter, template_links
from reviewdesk.core.exports import hugo, image_links
from reviewdesk.core.incremental import IncrementalBody
from reviewdesk.core.publish import readback
from reviewdesk.core.site_folder import ImagePlaces, rewrite_site_images

Scan = Callable[[str], object]

SCANS: dict[str, tuple[Scan, tuple[str, ...]]] = {
    "assets.body_images": (assets.body_images, ("<img ", "<img alt='src ", "![")),
    "image_links.rewrite": (lambda text: image_links.rewrite(text, {"a": "b"}), ("<img ", "![")),
    "site images": (
        lambda text: rewrite_site_images(text, ImagePlaces(Path("post.md"))),
        ("<img ", "!["),
    ),
    "template_links.resolve": (
        lambda text: template_links.resolve(text, liquid=True),
        ("{{", "{{<", "{%", "]({{", 'src="{{'),
    ),
    "hugo.literal_shortcodes": (hugo.literal_shortcodes, ("{{<", "{{%\n")),
    "IncrementalBody.update": (lambda text: IncrementalBody().update(text), ("{{", "{ a")),
    "read-back JSON-LD": (
        readback.has_review_jsonld,  # the scan itself, without a site to publish to
        ("<script type='application/ld+json'", "<script "),
    ),
}


def _keys(size: int) -> dict[str, str]:
    keys = size // 10
    return {
        "YAML keys": "---\n" + "".join(f"k{i}: {i}\n" for i in range(keys)) + "---\n",
        "JSON keys": "{" + ",".join(f'"k{i}": {i}' for i in range(keys)) + "}\n",
    }


def _repeated(unit: str) -> Callable[[int], str]:
    return lambda size: unit * (size // len(unit))


def _keyed(kind: str) -> Callable[[int], str]:
    return lambda size: _keys(size)[kind]


def _seconds(scan: Scan, text: str) -> float:
    started = time.perf_counter()
    scan(text)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kb", type=int, nargs="+", default=[20, 200])
    sizes = [kb * 1000 for kb in parser.parse_args().kb]
    print(f"{'scan':26} {'text':38} " + " ".join(f"{size // 1000:>7} KB" for size in sizes))
    rows: list[tuple[str, str, Scan, Callable[[int], str]]] = []
    for name, (scan, units) in SCANS.items():
        rows += [(name, repr(unit), scan, _repeated(unit)) for unit in units]
    rows += [("front_matter.split", kind, front_matter.split, _keyed(kind)) for kind in _keys(1)]
    for name, label, scan, text in rows:
        times = [_seconds(scan, text(size)) for size in sizes]
        print(f"{name:26} {label:38} " + " ".join(f"{seconds:8.3f} s" for seconds in times))


if __name__ == "__main__":
    main()
