"""The README says what is true: its commands run as written and print what it shows, and
its claims about checks, images, round trips and messages hold.

- A ```sh block with `$ reviewdesk ...` lines is a session: each command runs, in that order,
  in a folder holding a copy of the sample as `my-review`, exits 0 and prints (standard output
  and error, as a terminal shows them) exactly the lines under it.
- A block right after `<!-- excerpt of: reviewdesk ... -->` is an excerpt of that command's
  output: each of its lines is a line of the output, in order; a line with `...` stands for
  the lines it elides, and what comes before the `...` begins an output line."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from reviewdesk.cli import COMMANDS
from reviewdesk.cli_commands import _COMMANDS
from reviewdesk.core import bundle, checks, exports, importer
from reviewdesk.core.problems import Severity
from reviewdesk.core.resources import resource

README = Path(__file__).resolve().parents[1] / "README.md"
TEXT = README.read_text(encoding="utf-8")
PROMPT = "$ "
EXCERPT = re.compile(
    r"<!-- excerpt of: (?P<command>reviewdesk [^>]*?) -->\n```\w*\n(?P<body>.*?)```", re.S
)
FENCE = re.compile(r"^```(?P<lang>\w*)\n(?P<body>.*?)^```", re.S | re.M)
ELLIPSIS = "..."


@dataclass(frozen=True)
class Step:
    command: str
    output: tuple[str, ...]


def sessions() -> list[list[Step]]:
    found = []
    for fence in FENCE.finditer(TEXT):
        lines = fence["body"].splitlines()
        if fence["lang"] != "sh" or not any(line.startswith(PROMPT) for line in lines):
            continue
        steps: list[Step] = []
        for line in lines:
            if line.startswith(PROMPT):
                steps.append(Step(line.removeprefix(PROMPT), ()))
            else:
                steps[-1] = Step(steps[-1].command, (*steps[-1].output, line))
        found.append(steps)
    return found


def reviewdesk(
    command: str, cwd: Path, *, merged: bool = False
) -> subprocess.CompletedProcess[str]:
    """`command` as the README writes it, run by the installed `reviewdesk` script; `merged`:
    standard error into standard output, in the order a terminal shows them."""
    words = shlex.split(command)
    assert words[0] == "reviewdesk", command
    script = Path(sys.executable).with_name("reviewdesk")
    program = [str(script)] if script.exists() else [sys.executable, "-m", "reviewdesk"]
    home = cwd / ".home"
    env = dict(os.environ, PYTHONUNBUFFERED="1", HOME=str(home))
    env.update({name: str(home / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME")})
    env.update(QT_QPA_PLATFORM="offscreen", QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox --disable-gpu")
    return subprocess.run(
        [*program, *words[1:]],
        cwd=cwd,
        env=env,
        text=True,
        timeout=60,
        check=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merged else subprocess.PIPE,
    )


@pytest.fixture
def here(tmp_path: Path) -> Path:
    """A folder with a copy of the sample as `my-review`, as the README's examples have."""
    shutil.copytree(resource("sample"), tmp_path / "my-review")
    return tmp_path


def test_the_readme_has_sessions_and_excerpts() -> None:
    assert len(sessions()) >= 5
    assert len(EXCERPT.findall(TEXT)) >= 5


@pytest.mark.parametrize("steps", sessions(), ids=lambda steps: steps[0].command)
def test_each_session_prints_what_the_readme_shows(steps: list[Step], here: Path) -> None:
    for step in steps:
        done = reviewdesk(step.command, here, merged=True)
        assert done.returncode == 0, f"{step.command}\n{done.stdout}"
        assert done.stdout.splitlines() == list(step.output), step.command


@pytest.mark.parametrize(
    ("command", "excerpt"), [pytest.param(*found, id=found[0]) for found in EXCERPT.findall(TEXT)]
)
def test_each_excerpt_is_of_the_real_output(command: str, excerpt: str, here: Path) -> None:
    done = reviewdesk(command, here)
    assert done.returncode == 0, done.stderr
    output = [line.strip() for line in done.stdout.splitlines()]
    at = 0
    for line in (line.strip() for line in excerpt.splitlines()):
        if line in ("", ELLIPSIS):
            continue
        head = line.split(ELLIPSIS)[0].strip()
        for index in range(at, len(output)):
            if output[index] == line or (ELLIPSIS in line and output[index].startswith(head)):
                at = index + 1
                break
        else:
            pytest.fail(f"{command}: no line {line!r} after line {at} of its output")


def test_the_smoke_test_prints_the_keys_the_readme_names(here: Path) -> None:
    shown = re.search(r'`(\{"window_shown_ms": [^`]*\})`', TEXT)
    assert shown, "the README shows what --smoke-test prints"
    keys = re.findall(r'"(\w+)": …', shown[1])
    done = reviewdesk("reviewdesk --smoke-test my-review", here)
    assert done.returncode == 0, done.stderr
    assert list(json.loads(done.stdout.splitlines()[-1])) == keys


def test_the_command_table_lists_every_command_and_format() -> None:
    table = next(f["body"] for f in FENCE.finditer(TEXT) if f["body"].startswith("reviewdesk ["))
    words = [line.split()[1] for line in table.splitlines() if line.startswith("reviewdesk ")]
    assert {word for word in words if word.isalpha()} == set(_COMMANDS)
    assert tuple(_COMMANDS) == COMMANDS  # the words that are no review folder to open
    formats = re.search(r"\[-o OUT\](.*?)\nreviewdesk import", table, re.S)
    assert formats
    assert set(re.split(r"[\s|]+", formats[1].strip())) == set(exports.FORMATS)


def test_the_library_example_runs(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = next(f["body"] for f in FENCE.finditer(TEXT) if f["lang"] == "python")
    monkeypatch.chdir(here)
    exec(compile(code, "README.md", "exec"), {})
    assert bundle.load(here / "my-review").pros[-1] == "Quiet fan"


def test_check_flags_a_single_pro_or_con_but_not_none(here: Path) -> None:
    assert "a single pro or con" in TEXT and "none at all is not flagged" in TEXT
    sample = bundle.load(here / "my-review")
    for pros, flagged in (([], False), (["Quiet"], True), (["Quiet", "Cool"], False)):
        bundle.save(sample.model_copy(update={"pros": pros, "cons": []}), here / "my-review")
        fields = [problem.field for problem in checks.check(here / "my-review")]
        assert ("pros" in fields) is flagged, pros


def test_a_body_path_from_the_site_root_is_kept_and_never_read(here: Path) -> None:
    assert "`/images/chart.png`" in TEXT and "never reads, copies, embeds or" in TEXT
    folder = here / "my-review"
    with (folder / "body.md").open("a", encoding="utf-8") as body:
        body.write("\n![On the site](/images/chart.png)\n")
    assert checks.check(folder) == []
    page = exports.export(
        bundle.load(folder), folder, "html", exports.ExportOptions(embed_images=True)
    )
    assert 'src="/images/chart.png"' in page.text
    assert all("images" not in asset.source.parts for asset in page.assets)


def test_an_import_error_reads_as_the_readme_says(here: Path) -> None:
    line = "post.md:4: rating.value: .nan is not a finite number"
    assert f"`{line}`" in TEXT
    (here / "post.md").write_text("---\ntitle: T\nrating:\n  value: .nan\n---\n", "utf-8")
    done = reviewdesk("reviewdesk import post.md -o post", here)
    assert (done.returncode, done.stderr, done.stdout) == (1, line + "\n", "")
    assert not (here / "post").exists()


def site_round_trip(here: Path, to: str, site: Path, raw_html: bool = False) -> Path:
    folder = here / "my-review"
    result = exports.export(
        bundle.load(folder), folder, to, exports.ExportOptions(raw_html=raw_html)
    )
    page = site / result.location
    exports.write(result, page, root=site)
    back = here / f"back-{to}-{raw_html}"
    importer.import_markdown(page, back)
    return back


@pytest.mark.parametrize(("to", "config"), [("hugo", "hugo.toml"), ("jekyll", "_config.yml")])
def test_a_site_export_imported_again_is_the_review_the_readme_says(
    here: Path, to: str, config: str
) -> None:
    assert "so does a Hugo or Jekyll page that ReviewDesk\nexported" in TEXT
    site = here / "site"
    site.mkdir()
    (site / config).touch()
    before = bundle.load(here / "my-review")
    back = site_round_trip(here, to, site)
    after = bundle.load(back)
    assert after.model_copy(update={"body": ""}) == before.model_copy(update={"body": ""})
    assert after.body.startswith("<h2 ")  # the HTML that was published
    raw = bundle.load(site_round_trip(here, to, site / "raw", raw_html=True))
    assert raw.body.startswith("## What Wrenfall 3 Mini is")  # its Markdown
    missing = [p for p in checks.check(back) if p.severity is Severity.ERROR]
    assert missing == []  # every image in the bundle, the hero too
