"""Suite-wide settings.

Hypothesis' default 200 ms deadline fails tests on a busy CI machine for no
fault of the code (the first call into Polars is slow); speed is measured by
the scripts in scripts/, never by tests.

Hours are shown in the account's time zone, by default the system's: the suite
runs in UTC (``TZ``) so hours and snapshots read the same on every machine.
"""

import os
import time

from hypothesis import settings

os.environ["TZ"] = "UTC"
if hasattr(time, "tzset"):
    time.tzset()

settings.register_profile("tiktui", deadline=None, print_blob=True)
settings.load_profile("tiktui")
