"""``python -m tiktui``: the same as the ``tiktui`` command."""

import sys

from .cli import main

sys.exit(main())
