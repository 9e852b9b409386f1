import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files (layout geometry, HTML, DOT) from the current output",
    )


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")
