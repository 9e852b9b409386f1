"""docs/format.md (the format reference of the documentation site) is generated from the
loader's key tables and must be current.

Fix a failure with:  python -m sopc.loader.format_reference > docs/format.md
"""

from __future__ import annotations

from pathlib import Path

from sopc.loader import spec
from sopc.loader.format_reference import generate

DOC = Path(__file__).resolve().parent.parent / "docs" / "format.md"


def test_docs_format_is_current():
    assert DOC.exists(), "docs/format.md missing: run python -m sopc.loader.format_reference > docs/format.md"
    assert DOC.read_text(encoding="utf-8") == generate(), \
        "docs/format.md is stale: run python -m sopc.loader.format_reference > docs/format.md"


def test_every_key_of_the_specification_is_documented():
    text = generate()
    for table, prefix in ((spec.SOP, ""), (spec.ACTIVITY, "kegiatan."), (spec.CONFIG, "")):
        for name, f in table.items():
            assert f"| `{prefix}{name}` |" in text, name
            for sub in f.fields:
                assert f"| `{prefix}{name}.{sub}` |" in text, f"{name}.{sub}"


def test_defaults_come_from_the_configuration_model():
    text = generate()
    assert "| `keluaran` |" in text and "| `_site` |" in text
    assert "`[Pemohon, Pengguna Layanan, Masyarakat, Penyedia]`" in text
