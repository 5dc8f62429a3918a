"""obs_bridge must stay usable without Qt: the ui/ adapter is the only Qt layer."""

from __future__ import annotations

import subprocess
import sys


def test_importing_obs_bridge_loads_no_qt_and_no_ui() -> None:
    probe = (
        "import sys, obs_bridge, obs_bridge.supervisor; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui', 'pyqtgraph')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
