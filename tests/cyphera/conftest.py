"""pytest set-up for the cyphera-kmip interop tests: the shared harness in
tests/harness (server log attached to each failing test)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))

from keyhaven_pytest import *  # noqa: E402,F401,F403  (pytest hooks)
