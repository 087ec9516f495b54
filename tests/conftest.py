"""Settings for the whole test suite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # The tests load many small vector sets from temporary folders: their vector-cache entries
    # (conformance/vectors/cache.py) go to a scratch folder, not the user's ~/.cache. Set for
    # the subprocesses the tests start too.
    scratch = Path(tempfile.gettempdir()) / f"agora-conformance-test-cache-{os.getuid()}"
    os.environ.setdefault("AGORA_CONFORMANCE_CACHE", str(scratch))
