"""Corpus-level counts of programs: which named programs are mentioned most, where and when.

Reads the Parquet tables written by ``python cli.py extract`` (``OUT/programs`` and
``OUT/documents``) with DuckDB, so it scales to archives far larger than memory.
"""
from __future__ import annotations

from pathlib import Path

_QUERY = """
WITH docs AS (
    SELECT doc_id, year, duplicate_of FROM read_parquet($docs)
), mentions AS (
    SELECT p.name, p.kind, p.doc_id, d.year
    FROM read_parquet($programs) AS p LEFT JOIN docs AS d USING (doc_id)
    WHERE p.name <> ''
      AND ($kind IS NULL OR p.kind = $kind)
      AND ($with_duplicates OR d.duplicate_of IS NULL)
), kinds AS (  -- a name read with several kinds is reported with its most frequent one
    SELECT name, kind, row_number() OVER (PARTITION BY name ORDER BY count(*) DESC, kind) AS rank
    FROM mentions GROUP BY name, kind
)
SELECT m.name, k.kind, count(*) AS mentions, count(DISTINCT m.doc_id) AS documents,
       coalesce(list_sort(list_distinct(list(m.year) FILTER (WHERE m.year IS NOT NULL))), []::BIGINT[]) AS years,
       min(m.year) AS first_year, max(m.year) AS last_year
FROM mentions AS m JOIN kinds AS k ON k.name = m.name AND k.rank = 1
GROUP BY m.name, k.kind
ORDER BY mentions DESC, documents DESC, m.name
LIMIT $limit
"""

_NO_DOCS = "SELECT NULL::VARCHAR AS doc_id, NULL::BIGINT AS year, NULL::VARCHAR AS duplicate_of WHERE false"


def top_programs(out_dir: str | Path, *, limit: int = 50, kind: str | None = None,
                 include_duplicates: bool = False) -> list[dict]:
    """The most mentioned programs of an output folder.

    Args:
        out_dir: the folder ``python cli.py extract`` wrote (holding ``programs/`` and ``documents/``).
        limit: how many programs to return.
        kind: only mentions of this kind (document, campaign, project, plan, title, action, activity, other).
        include_duplicates: also count mentions in documents marked as exact duplicates of another.

    Returns:
        One dict per program name, most mentioned first: ``name``, ``kind`` (its most frequent
        kind), ``mentions``, ``documents`` (distinct documents), ``years`` (sorted distinct
        document years), ``first_year`` and ``last_year`` (None when no year is known).
        Empty when the folder holds no program table.
    """
    import duckdb  # lazy: only this report needs it

    out = Path(out_dir)
    programs = sorted(str(p) for p in (out / "programs").glob("*.parquet"))
    if not programs or limit <= 0:
        return []
    documents = sorted(str(p) for p in (out / "documents").glob("*.parquet"))
    query = _QUERY if documents else _QUERY.replace("read_parquet($docs)", f"({_NO_DOCS})")
    params = {"programs": programs, "kind": kind, "with_duplicates": include_duplicates, "limit": limit}
    if documents:
        params["docs"] = documents
    con = duckdb.connect()
    try:
        cur = con.execute(query, params)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]
    finally:
        con.close()
