"""check_wheels.py - every runtime dependency installs from wheels on the platforms we ship to.

The installers are built on Windows (x64) and macOS (Apple silicon and Intel) from PyPI wheels:
a dependency that only has a source distribution there would need a compiler on the build
machine, or would not build at all. For each platform this asks pip to resolve the
dependencies of pyproject.toml as binary wheels only (``pip install --dry-run`` reads the
wheels' metadata; nothing is installed) and fails naming the package that has none.

    .venv/bin/python scripts/check_wheels.py        (run by .ci/run)
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON_VERSION = "3.11"
# macOS 13 is the oldest the Qt wheels (PySide6 6.11) support, on both kinds of Mac.
PLATFORMS = {
    "Windows x64": "win_amd64",
    "macOS Apple silicon": "macosx_13_0_arm64",
    "macOS Intel": "macosx_13_0_x86_64",
}
_MISSING = re.compile(r"No matching distribution found for (\S+)")


def dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project["dependencies"])


def check(platform: str, requirements: list[str]) -> str | None:
    """None when every requirement resolves to wheels, else pip's reason."""
    with tempfile.TemporaryDirectory() as target:
        done = subprocess.run(
            [
                sys.executable, "-m", "pip", "install", "--dry-run", "--quiet",
                "--ignore-installed", "--only-binary=:all:", "--platform", platform,
                "--python-version", PYTHON_VERSION, "--implementation", "cp",
                "--target", target, *requirements,
            ],
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
    if done.returncode == 0:
        return None
    missing = _MISSING.search(done.stderr)
    return f"no wheel for {missing.group(1)}" if missing else done.stderr.strip()[-500:]


def main() -> int:
    requirements = dependencies()
    failures = 0
    for name, platform in PLATFORMS.items():
        problem = check(platform, requirements)
        if problem is None:
            print(f"check_wheels: {name} ({platform}): every dependency has a wheel")
        else:
            failures += 1
            print(f"check_wheels: {name} ({platform}): {problem}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
