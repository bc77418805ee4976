"""Publishing the sample to a real WordPress and a real Ghost:
`python -m bench.publish [--runs N] [--cms wordpress|ghost]`.

Starts the test WordPress of tests/wordpress_server.py (Debian's WordPress 6.1, MariaDB and
Apache on 127.0.0.1) and the test Ghost of tests/ghost_server.py (Ghost 5 with SQLite;
`scripts/setup-tools` installs both) and times, for each, over N fresh copies of the sample
review (median and min):

- the first publish (the hero and a body image uploaded, terms looked up, the post created,
  read back), beside the bare API requests that any client must make for the same post
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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from reviewdesk.core import bundle
from reviewdesk.core.publish.ghost import AdminKey, Ghost
from reviewdesk.core.publish.publish import PublishResult, publish
from reviewdesk.core.publish.sites import Site
from reviewdesk.core.resources import resource
from tests.ghost_server import GhostServer, ghost_installed
from tests.wordpress_server import WordPressServer, missing_tools

SECRET_ENV = "REVIEWDESK_BENCH_SECRET"


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


@dataclass(frozen=True)
class _Target:
    """A running site, the site as ReviewDesk knows it, and the bare requests any client of
    its API makes for the same post."""

    site: Site
    secret: str
    bare_first: Callable[[Path], None]
    bare_get: Callable[[int | str], object]


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


def _ghost_bare_first(client: Ghost, folder: Path) -> None:
    for path in sorted((folder / "assets").iterdir()):
        client.upload_image(path.read_bytes(), path.name, "image/png", path.name)
    review = bundle.load(folder)
    client.create_post({"title": review.title, "html": review.body, "status": "draft"})


@contextmanager
def _wordpress(work: Path) -> Iterator[_Target]:
    with WordPressServer.running(work) as server:
        yield _Target(
            Site("bench", "wordpress", server.url, server.admin.login, secret_env=SECRET_ENV),
            server.admin.app_password,
            lambda folder: _bare_first(server, folder),
            lambda post_id: _bare_get(server, post_id),
        )


@contextmanager
def _ghost(work: Path) -> Iterator[_Target]:
    with GhostServer.running(work) as server:
        key = AdminKey.parse(server.admin_key)
        with Ghost(server.url, key) as client:
            yield _Target(
                Site("bench", "ghost", server.url, key.id, secret_env=SECRET_ENV),
                server.admin_key,
                lambda folder: _ghost_bare_first(client, folder),
                lambda post_id: client.post(str(post_id)),
            )


def _changed(folder: Path) -> None:
    review = bundle.load(folder)
    review.summary += " Updated."
    bundle.save(review, folder)


def _one_run(target: _Target, folder: Path) -> dict[str, float]:
    shutil.copytree(resource("sample"), folder)
    site = target.site
    first: list[PublishResult] = []
    rows = {
        "first publish": _timed(lambda: first.append(publish(folder, site, "draft"))),
        "  bare API: 2 uploads and a create": _timed(lambda: target.bare_first(folder)),
        "dry run of a repeat": _timed(lambda: publish(folder, site, "draft", dry_run=True)),
        "repeat, nothing changed": _timed(lambda: publish(folder, site, "draft")),
    }
    post_id = first[0].post_id
    assert post_id is not None
    rows["  bare API: one GET of the post"] = _timed(lambda: target.bare_get(post_id))
    _changed(folder)
    rows["repeat, the summary changed"] = _timed(lambda: publish(folder, site, "draft"))
    return rows


def measure(target: _Target, runs: int, work: Path) -> dict[str, list[float]]:
    os.environ[SECRET_ENV] = target.secret
    _one_run(target, work / "warm-up")  # the server's caches: not counted
    times: dict[str, list[float]] = {}
    for run in range(runs):
        for row, ms in _one_run(target, work / f"review-{run}").items():
            times.setdefault(row, []).append(ms)
    return times


def table(cms: str, times: dict[str, list[float]], runs: int) -> str:
    head = f"{f'the sample (2 images) to {cms}':<40} {'median':>9} {'min':>9}"
    lines = [head, "-" * len(head)]
    for row, values in times.items():
        lines.append(f"{row:<40} {statistics.median(values):>6.0f} ms {min(values):>6.0f} ms")
    return "\n".join(lines) + f"\n\n{runs} runs, after one not counted; {cms} on 127.0.0.1\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cms", choices=("wordpress", "ghost"), action="append")
    options = parser.parse_args(argv)
    chosen = options.cms or ["wordpress", "ghost"]
    missing = []
    if "wordpress" in chosen and (tools := missing_tools()):
        missing.append(f"WordPress ({', '.join(tools)})")
    if "ghost" in chosen and not ghost_installed():
        missing.append("Ghost")
    if missing:
        print(f"needs {', '.join(missing)}: run scripts/setup-tools", file=sys.stderr)
        return 1
    servers = {"wordpress": ("WordPress", _wordpress), "ghost": ("Ghost", _ghost)}
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as temporary:
        for cms in chosen:
            name, running = servers[cms]
            work = Path(temporary) / cms
            (work / "site").mkdir(parents=True)
            with running(work / "site") as target:
                print(table(name, measure(target, options.runs, work), options.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
