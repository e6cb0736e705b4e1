"""tiktui: where your TikTok views come from, in the terminal."""

__version__ = "0.1.0"
