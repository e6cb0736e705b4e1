"""The one ranking and the reducer: canonical rows as a pure function of their facts.

Facts are every row any import contributed, with ``_batch`` (which import),
``_as_of`` (when the export was made) and ``_rank`` (how much it is believed).
"""

from __future__ import annotations

import polars as pl

from .importers.base import Rank
from .schema import SET_GROUPS, Table

BATCH = "_batch"
AS_OF = "_as_of"
RANK = "_rank"  # a Rank: facts written before ranks existed have none and read as STATED


def facts_schema(table: Table) -> dict[str, pl.DataType]:
    return {**table.schema, BATCH: pl.Int64, AS_OF: pl.Datetime("us", "UTC"), RANK: pl.Int8}


def empty_facts(table: Table) -> pl.DataFrame:
    return pl.DataFrame(schema=facts_schema(table))


def with_rank(facts: pl.DataFrame) -> pl.DataFrame:
    """Facts with a ``_rank`` column: a store written before ranks existed held only
    Studio downloads and API files, so a missing rank is STATED."""
    if RANK in facts.columns:
        return facts
    return facts.with_columns(pl.lit(int(Rank.STATED), pl.Int8).alias(RANK))


# The one ranking every column is chosen by (DESIGN.md, Store): first the rank —
# a value a Studio download or the Business API states (Rank.STATED), then one a
# browser capture states (CAPTURED), then one worked out from others (DERIVED) —
# and only within a rank the newest export (``_as_of``), then the latest import.
# So a captured history fills the days no file gave but never overrides a Studio
# row, and a stated net beats a derived net, whatever the order files arrive in.
PRECEDENCE = (RANK, AS_OF, BATCH)
_DESCENDING = (False, True, True)


def reduce_facts(table: Table, facts: pl.DataFrame) -> pl.DataFrame:
    """The canonical table from every contribution: best rank, then newest, wins.

    See ``PRECEDENCE``: importing an old file after a new one never rolls a
    number back, and recency never lets a weaker kind of value replace a
    stronger one. For plain tables the choice is made per column among non-null
    values (a Viewers file and an Overview file fill different columns of the
    same day); for set tables (see ``SET_GROUPS``) the best contribution
    replaces the whole set.
    """
    if facts.is_empty():
        return table.empty()
    ordered = with_rank(facts).sort(list(PRECEDENCE), descending=list(_DESCENDING), nulls_last=True)
    group = SET_GROUPS.get(table.name)
    if group:
        winner = [f"_w{c}" for c in PRECEDENCE]
        best = ordered.group_by(list(group), maintain_order=True).agg(
            [pl.col(c).first().alias(w) for c, w in zip(PRECEDENCE, winner, strict=True)]
        )
        kept = ordered.join(best, on=list(group), how="inner", nulls_equal=True).filter(
            pl.all_horizontal(
                [pl.col(c).eq_missing(pl.col(w)) for c, w in zip(PRECEDENCE, winner, strict=True)]
            )
        )
        out = kept.unique(subset=list(table.key), keep="first", maintain_order=True)
    else:
        out = ordered.group_by(list(table.key), maintain_order=True).agg(
            [_pick(c) for c in table.values]
        )
    return table.conform(out.select(list(table.schema))).sort(list(table.key), nulls_last=True)


def _pick(col: str) -> pl.Expr:
    """Per column, the newest export's value; a year is inferred only if no export gave it."""
    if col == "year_inferred":
        return pl.col(col).drop_nulls().min()
    return pl.col(col).drop_nulls().first()


def conform_facts(table: Table, facts: pl.DataFrame) -> pl.DataFrame:
    """Facts cast to the table's fact schema, absent columns as nulls (never zeros)."""
    schema = facts_schema(table)
    if facts.columns == list(schema) and facts.dtypes == list(schema.values()):
        return facts
    exprs = [
        pl.col(c).cast(t) if c in facts.columns else pl.lit(None, dtype=t).alias(c)
        for c, t in schema.items()
    ]
    return with_rank(facts).select(exprs)
