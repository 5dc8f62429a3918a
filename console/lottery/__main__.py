"""``python -m console.lottery verify FILE``: check a lottery proof (console.lottery.proof)."""

import sys

from console.lottery.proof import main

sys.exit(main())
