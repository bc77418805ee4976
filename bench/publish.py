"""Publishing the sample to a real WordPress: `python -m bench.publish [--runs N]`.

Starts the test WordPress of tests/wordpress_server.py (Debian's WordPress 6.1, MariaDB and
Apache on 127.0.0.1; `scripts/setup-tools` installs them) and times, over N fresh copies of
the sample review (median and min):

- the first publish (the hero and a body image uploaded, terms looked up, the post created,
  read back), beside the bare REST requests that any client must make for the same post
  (the two uploads and one create, nothing checked or read back);
- a dry run of a repeat (what `--dry-run` costs: the post fetched and compared);
- a repeat with nothing changed, beside one bare GET of the post;
- a repeat after a field changed (the post updated, no image uploaded).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx

from reviewdesk.core import bundle
from reviewdesk.core.publish.publish import PublishResult, publish
from reviewdesk.core.publish.sites import Site
from reviewdesk.core.resources import resource
from tests.wordpress_server import WordPressServer, missing_tools

SECRET_ENV = "REVIEWDESK_BENCH_SECRET"


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _bare_first(server: WordPressServer, folder: Path) -> None:
    """The requests any client makes for this post: each image uploaded, the post created."""
    auth = (server.admin.login, server.admin.app_password)
    with httpx.Client(base_url=f"{server.url}/wp-json/wp/v2", auth=auth, timeout=60) as client:
        for path in sorted((folder / "assets").iterdir()):
            client.post(
                "/media",
                content=path.read_bytes(),
                headers={
                    "Content-Type": "image/png",
                    "Content-Disposition": f'attachment; filename="{path.name}"',
                },
            ).raise_for_status()
        review = bundle.load(folder)
        client.post(
            "/posts", json={"title": review.title, "content": review.body, "status": "draft"}
        ).raise_for_status()


def _bare_get(server: WordPressServer, post_id: int | str) -> None:
    auth = (server.admin.login, server.admin.app_password)
    httpx.get(
        f"{server.url}/wp-json/wp/v2/posts/{post_id}?context=edit", auth=auth, timeout=60
    ).raise_for_status()


def _changed(folder: Path) -> None:
    review = bundle.load(folder)
    review.summary += " Updated."
    bundle.save(review, folder)


def _one_run(server: WordPressServer, site: Site, folder: Path) -> dict[str, float]:
    shutil.copytree(resource("sample"), folder)
    first: list[PublishResult] = []
    rows = {
        "first publish": _timed(lambda: first.append(publish(folder, site, "draft"))),
        "  bare REST: 2 uploads and a create": _timed(lambda: _bare_first(server, folder)),
        "dry run of a repeat": _timed(lambda: publish(folder, site, "draft", dry_run=True)),
        "repeat, nothing changed": _timed(lambda: publish(folder, site, "draft")),
    }
    post_id = first[0].post_id
    assert post_id is not None
    rows["  bare REST: one GET of the post"] = _timed(lambda: _bare_get(server, post_id))
    _changed(folder)
    rows["repeat, the summary changed"] = _timed(lambda: publish(folder, site, "draft"))
    return rows


def measure(server: WordPressServer, runs: int, work: Path) -> dict[str, list[float]]:
    site = Site("bench", "wordpress", server.url, server.admin.login, secret_env=SECRET_ENV)
    os.environ[SECRET_ENV] = server.admin.app_password
    _one_run(server, site, work / "warm-up")  # WordPress's caches: not counted
    times: dict[str, list[float]] = {}
    for run in range(runs):
        for row, ms in _one_run(server, site, work / f"review-{run}").items():
            times.setdefault(row, []).append(ms)
    return times


def table(times: dict[str, list[float]], runs: int) -> str:
    head = f"{'publishing the sample (2 images)':<40} {'median':>9} {'min':>9}"
    lines = [head, "-" * len(head)]
    for row, values in times.items():
        lines.append(f"{row:<40} {statistics.median(values):>6.0f} ms {min(values):>6.0f} ms")
    return "\n".join(lines) + f"\n\n{runs} runs, after one not counted; WordPress on 127.0.0.1"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args(argv)
    if missing := missing_tools():
        print(f"needs {', '.join(missing)}: run scripts/setup-tools", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as temporary:
        work = Path(temporary)
        (work / "site").mkdir()
        with WordPressServer.running(work / "site") as server:
            times = measure(server, options.runs, work)
    print(table(times, options.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
