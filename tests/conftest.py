"""Suite-wide settings.

Hypothesis' default 200 ms deadline fails tests on a busy CI machine for no
fault of the code (the first call into Polars is slow); speed is measured by
the scripts in scripts/, never by tests.
"""

from hypothesis import settings

settings.register_profile("tiktui", deadline=None, print_blob=True)
settings.load_profile("tiktui")
