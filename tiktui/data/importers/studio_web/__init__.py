"""TikTok Studio's own web responses (FORMATS.md section 3): every generation, every wrapper.

Each saved response, whatever wraps it (:mod:`.har`, :mod:`.wrappers`),
becomes a :class:`~.request.Response`: the body, the request that says which
video and which days it is about, and when it was captured. Its keys are read
by :mod:`.video` (per video), :mod:`.account` (the account's own mix and
histories), :mod:`.gen3` (``/tiktok/v1/analytics/insights/``) and
:mod:`.content` (the content list); :mod:`.collect` merges them per account
and capture day. A key no table holds yet is kept in ``raw/`` and listed.
"""

from __future__ import annotations

from .collect import Collector, api_error, is_studio_body
from .har import is_har, looks_har, parse_har, stream
from .wrappers import is_wrapper, responses

__all__ = [
    "Collector",
    "api_error",
    "is_har",
    "is_studio_body",
    "is_wrapper",
    "looks_har",
    "parse_har",
    "responses",
    "stream",
]
