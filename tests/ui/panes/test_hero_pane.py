from pathlib import Path

from pytestqt.qtbot import QtBot

from reviewdesk.core import bundle
from reviewdesk.ui.document import ReviewDocument
from reviewdesk.ui.panes.hero_pane import HeroPane


def test_choosing_an_image_copies_it_and_asks_for_alt_text(
    qtbot: QtBot, document: ReviewDocument, tmp_path: Path
) -> None:
    assert document.folder is not None
    picture = tmp_path / "new-hero.png"
    picture.write_bytes((document.folder / "assets" / "hero.png").read_bytes())
    pane = HeroPane(document, choose_file=lambda: picture)
    qtbot.addWidget(pane)
    pane.show()
    assert pane.thumbnail.pixmap().width() > 0
    document.set("hero", None, merge=False)
    assert pane.thumbnail.text() == "No hero image" and not pane.alt.isEnabled()
    pane.choose.click()
    assert document.review.hero is not None
    assert document.review.hero.image == "assets/new-hero.png"
    assert (document.folder / "assets" / "new-hero.png").exists()
    assert pane.alt.hasFocus() or pane.alt.isEnabled()
    qtbot.keyClicks(pane.alt, "A blue gradient")
    assert document.value("hero.alt") == "A blue gradient"
    document.save()
    assert bundle.load(document.folder).hero == document.review.hero
