"""The data layer: importers, canonical tables, the local store and queries.

Nothing in here may import Textual: the same code serves the CLI, the advisor
and the tests, none of which should need a terminal.
"""
