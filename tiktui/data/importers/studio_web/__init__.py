"""TikTok Studio's own web responses (FORMATS.md section 3), and HAR captures of them."""

from __future__ import annotations

from .bodies import InsightBody, api_error, is_body, is_har, parse_bodies
from .har import parse_har

__all__ = ["InsightBody", "api_error", "is_body", "is_har", "parse_bodies", "parse_har"]
