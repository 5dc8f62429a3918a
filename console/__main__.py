"""``python -m console`` starts the LiveDesk window, like the ``livedesk`` command."""

from ui.app import main

raise SystemExit(main())
