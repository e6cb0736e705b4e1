"""Helpers of scripts/bench.py: export files, cached stores, terminal and Pilot timing."""
