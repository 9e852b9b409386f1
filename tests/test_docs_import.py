"""The import page (docs/impor.md) quotes the importer's own notes and failure reasons
word for word, so that a reader finds the line of the report in the page."""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "impor.md"


def _first_cells(header: str) -> list[str]:
    lines = DOC.read_text("utf-8").splitlines()
    start = lines.index(header) + 2
    cells = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells.append(line.split("|")[1].strip())
    return cells


def test_every_note_on_the_page_is_one_the_importer_writes():
    from sopc.importer.emit import NOTES

    texts = {m.id for m in NOTES.values() if m is not None}
    cells = _first_cells("| catatan | yang dilakukan |")
    assert len(cells) >= 10
    assert [c for c in cells if c not in texts] == []


def test_every_failure_reason_on_the_page_is_the_importers():
    from sopc.importer.batch import REASONS

    texts = {m.id for m in REASONS.values()}
    cells = _first_cells("| alasan | jalan keluar |")
    assert len(cells) >= 4
    assert [c for c in cells if c not in texts] == []
