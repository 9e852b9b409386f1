from __future__ import annotations

import pytest

from .lookalike import build
from .variants import variants


@pytest.fixture(scope="session")
def lookalikes(tmp_path_factory):
    """Every look-alike variant written once: name -> (spec, path)."""
    base = tmp_path_factory.mktemp("lookalikes")
    out = {}
    for name, spec in variants().items():
        path = base / f"{name}.pdf"
        build(spec, path)
        out[name] = (spec, path)
    return out
