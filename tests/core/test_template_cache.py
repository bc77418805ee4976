from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from reviewdesk.core.exports import html
from reviewdesk.core.layout import LayoutOptions, environment
from reviewdesk.core.model import Review
from reviewdesk.core.template_cache import FOLDER


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The templates' cache folder of a user whose app has not run yet."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    environment.cache_clear()  # made anew, as at a start
    yield tmp_path / "ReviewDesk" / FOLDER
    environment.cache_clear()


def page(review: Review) -> str:
    return html.render(review, LayoutOptions())


def a_new_start(monkeypatch: pytest.MonkeyPatch, *, compiles: bool) -> None:
    """Templates as the next start of the app loads them; failing on a compile if not
    `compiles`."""
    environment.cache_clear()
    if not compiles:

        def compile_refused(*_args: object, **_kwargs: object) -> None:
            raise AssertionError("a template was compiled again")

        monkeypatch.setattr(environment(), "compile", compile_refused)


def test_a_second_start_renders_from_the_compiled_templates(
    cache: Path, full_review: Review, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = page(full_review)
    entries = sorted(cache.glob("*.jinja"))
    assert len(entries) >= 2  # the page and the templates it includes

    a_new_start(monkeypatch, compiles=False)
    assert page(full_review) == first


def test_a_damaged_entry_is_compiled_again_and_written_over(
    cache: Path, full_review: Review, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = page(full_review)
    entries = sorted(cache.glob("*.jinja"))
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:40])  # cut short, as by a full disk

    a_new_start(monkeypatch, compiles=True)
    assert page(full_review) == first
    assert all(entry.stat().st_size > 40 for entry in entries)

    a_new_start(monkeypatch, compiles=False)  # whole again
    assert page(full_review) == first


def test_a_cache_that_cannot_be_written_is_no_cache(
    cache: Path, full_review: Review, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the folder goes", encoding="utf-8")
    rendered = page(full_review)
    assert "<h1" in rendered
    assert cache.read_text(encoding="utf-8") == "a file where the folder goes"


def test_jinja_loads_with_our_cache() -> None:
    assert isinstance(environment().bytecode_cache, jinja2.FileSystemBytecodeCache)
