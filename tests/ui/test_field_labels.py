"""Every field a problem can name has the name the form gives it."""

import ast
import types
import typing
from collections.abc import Iterator
from pathlib import Path

import pydantic
import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import reviewdesk.core
from reviewdesk.core import checks
from reviewdesk.core.model import Review
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.field_labels import FILE_ONLY, FORM_LABELS, SEPARATOR, field_label
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.settings import Settings
from tests.conftest import MakeBundle

CORE = Path(reviewdesk.core.__file__).parent


def model_paths(model: type[pydantic.BaseModel], prefix: str = "") -> Iterator[str]:
    """Every dotted path into `model`, a list's items as its first item (`pros.0`)."""
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        yield path
        if prefix == "" and name in FILE_ONLY:
            continue
        yield from _inner_paths(info.annotation, path)


def _inner_paths(annotation: object, path: str) -> Iterator[str]:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType) or origin is typing.Annotated:
        for arg in args[:1] if origin is typing.Annotated else args:
            yield from _inner_paths(arg, path)
    elif origin is list:
        yield f"{path}.0"
        yield from _inner_paths(args[0], f"{path}.0")
    elif isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        yield from model_paths(annotation, f"{path}.")


def named_in_core() -> set[str]:
    """The field paths the core names as text: `at.field("hero.alt", ...)` in a check,
    `Problem(file, line, "title", ...)` anywhere. A new check naming a field is found here
    without having to make it fire."""
    named = set()
    for source in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "field" and node.args:
                argument = node.args[0]
            elif isinstance(func, ast.Name) and func.id == "Problem" and len(node.args) > 2:
                argument = node.args[2]
            else:
                continue
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                named.add(argument.value)
    return named


def test_the_model_walk_finds_nested_and_listed_fields() -> None:
    paths = set(model_paths(Review))
    assert {"hero.alt", "authors.0.url", "pros.0", "seo.canonical_url", "rating.best"} <= paths


def test_every_field_of_the_model_has_a_form_label() -> None:
    unnamed = [path for path in model_paths(Review) if field_label(path) is None]
    assert unnamed == [], f"add these to FORM_LABELS in ui/field_labels.py: {unnamed}"


def test_every_field_the_core_names_has_a_form_label() -> None:
    named = named_in_core()
    assert {"hero.alt", "seo.description", "authors"} <= named  # the scan finds the checks
    unnamed = sorted(path for path in named if field_label(path) is None)
    assert unnamed == [], f"add these to FORM_LABELS in ui/field_labels.py: {unnamed}"


def test_every_problem_of_a_review_bad_in_every_way_names_a_form_label(
    make_bundle: MakeBundle,
) -> None:
    folder = make_bundle(
        "format: reviewdesk/1\n"
        f"title: {'A title longer than search results show ' * 3}\n"
        "hero: {image: assets/gone.png, alt: ''}\n"
        "pros: [Only one, '', Only one]\n"
        "cons: ['']\n"
        "key_features: [A, a]\n"
        "key_insights: [B, b]\n"
        f"seo: {{title: {'x' * 70}, description: Short}}\n"
        "ratng: 4\n",
        "Intro.\n\n![](assets/missing.png)\n\n![](/etc/passwd)\n",
    )
    problems = checks.check(folder)
    fields = {problem.field for problem in problems}
    assert {"title", "hero.alt", "hero.image", "pros.1", "cons.0", "key_insights.1"} <= fields
    assert {"seo.title", "seo.description", "authors", "summary", "body", "ratng"} <= fields
    unnamed = sorted(field for field in fields if field_label(field) is None)
    assert unnamed == [], f"add these to FORM_LABELS in ui/field_labels.py: {unnamed}"


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("hero.alt", "Hero > Alt text"),
        ("seo.description", "SEO > Description"),
        ("pros.2", "Pros & cons > Pros > item 3"),
        ("authors.1.url", "Metadata > Authors > author 2 > home page"),
        ("subject.url", "Metadata > Subject > Web page"),
        ("summary", "Summary"),
        ("ratng", "review.yaml > ratng"),  # a key the form does not show
        ("extra.views", "review.yaml > extra.views"),
    ],
)
def test_a_path_reads_as_the_form_labels_it(path: str, label: str) -> None:
    assert field_label(path) == label.replace(" > ", SEPARATOR)  # U+203A in the list


def test_the_table_names_only_fields_of_the_model() -> None:
    patterns = {".".join("*" if p == "0" else p for p in path.split(".")) for path in
                model_paths(Review)}  # fmt: skip
    assert set(FORM_LABELS) - patterns == set()


def shown_text(text: str) -> str:
    """A label as the writer reads it: without its mnemonic."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def pane_texts(pane: QWidget) -> list[str]:
    """Every name the pane shows or gives its inputs, in lower case."""
    texts = [label.text() for label in pane.findChildren(QLabel)]
    texts += [box.title() for box in pane.findChildren(QGroupBox)]
    texts += [button.text() for button in pane.findChildren(QAbstractButton)]
    texts += [widget.accessibleName() for widget in pane.findChildren(QWidget)]
    return [shown_text(text).casefold() for text in texts if text]


def test_the_labels_are_the_forms_own(
    qtbot: QtBot, sample_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each pane is a tab of the window, and each label is written in that pane: renaming a
    label in the form without renaming it here fails."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    window = MainWindow(ReviewDocument.open(sample_bundle), Settings(str(tmp_path / "s.ini")))
    qtbot.addWidget(window)
    tabs = window.panes
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)  # a pane is made as its tab is first shown
    panes = {shown_text(tabs.tabText(i)): tabs.widget(i) for i in range(tabs.count())}
    unknown = []
    for path, (pane, *labels) in FORM_LABELS.items():
        if pane not in panes:
            unknown.append(f"{path}: no pane {pane!r}")
            continue
        page = panes[pane]
        assert page is not None
        texts = pane_texts(page)
        for label in labels:
            if "{n}" in label:
                continue  # the item's number: the list shows the item itself
            if not any(label.casefold() in text for text in texts):
                unknown.append(f"{path}: {label!r} is not written in {pane}")
    assert unknown == []
