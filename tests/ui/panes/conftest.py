from pathlib import Path

import pytest

from reviewdesk.ui.document import ReviewDocument


@pytest.fixture
def document(sample_bundle: Path) -> ReviewDocument:
    return ReviewDocument.open(sample_bundle)
