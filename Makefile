# The two commands a new user needs: `make demo` starts the console on the simulated live room,
# `make test` runs the test suite. Both bootstrap what they need first (scripts/bootstrap.sh).
.PHONY: demo test lint dist selftest bootstrap

bootstrap:
	@bash scripts/bootstrap.sh

demo: bootstrap
	.venv/bin/livedesk

test: bootstrap
	.venv/bin/lint-imports
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest

lint: bootstrap
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports
	.venv/bin/mypy

dist: bootstrap
	.venv/bin/pyinstaller --noconfirm --log-level WARN build.spec

selftest: dist
	dist/LiveDesk/livedesk --selftest
