"""Out-of-core extraction: per-document evidence rows, parquet parts, a streaming aggregate.

``batch extract`` runs :class:`toolkit.extract.pipeline.Extractor` one document
at a time, and after each document *drains* its evidence (names, codes, spelled
acronyms, known terms, term candidates, word counts) into flat rows
(:func:`drain`), leaving the extractor empty. Each chunk's rows go to one
parquet file in ``OUT_DIR/parts/``. At the end :func:`aggregate` scans the parts
that the manifest says are current (a document redone after a crash or an edit
leaves stale rows behind: they are ignored), sums the counts with polars'
streaming engine (``collect(engine="streaming")``) and rebuilds an extractor
whose state is the one a single pass over the corpus would have reached:

* counts (forms, documents, words) are summed; likelihoods take the maximum;
* first-seen order (the insertion order of the single pass, which decides
  ties) is restored from ``(document order, rank within the document)``;
* the first :data:`~toolkit.extract.contexts.MAX_CONTEXTS` contexts in corpus
  order are kept.

Only the rebuilt state (one row per distinct candidate, as in a single pass)
is held in memory; the corpus and the per-document rows stay on disk. Name-kind
votes are sums of floats per document and then across documents, so they can
differ from a single pass in the last bit (this decides a kind only on an exact
tie).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.model import Context

if TYPE_CHECKING:
    from toolkit.batch.manifest import Manifest
    from toolkit.batch.tasks import DocTask

__all__ = ["CLUSTER_TABLES", "GLOSSARY_NAME", "PARTS_DIR", "aggregate", "drain",
           "finish_extract", "write_part"]

#: Inside OUT_DIR: the parquet parts, and the glossary aggregated from them.
PARTS_DIR = "parts"
GLOSSARY_NAME = "glossary.json"

#: The extractor's :class:`~toolkit.extract.cluster.Cluster` dicts: the name its rows
#: carry in the parts → the attribute path from the extractor.
CLUSTER_TABLES: dict[str, tuple[str, ...]] = {
    "names": ("names",),
    "codes": ("codes", "clusters"),
    "_spelled": ("codes", "spelled"),
    "_known_terms": ("_known_terms",),
}
_SEP = "\x1f"
_RANK_BITS = 24  # rank of a key within one document: below 16 M


def _holder(extractor: Any, table: str) -> tuple[Any, str]:
    """The object holding a cluster table of :data:`CLUSTER_TABLES`, and its attribute."""
    *path, attr = CLUSTER_TABLES[table]
    holder = extractor
    for name in path:
        holder = getattr(holder, name)
    return holder, attr


def _row(rel: str, job_key: str, kind: str, key: str, fld: str, *, name: str = "",
         rank: int = 0, count: int = 0, weight: float = 0.0, isint: bool = True,
         attrs: str = "", ctx: Context | None = None) -> dict[str, Any]:
    return {"rel": rel, "job_key": job_key, "kind": kind, "key": key, "field": fld,
            "name": name, "rank": rank, "count": count, "weight": weight, "isint": isint,
            "attrs": attrs, "doc": ctx.doc if ctx else "", "start": ctx.start if ctx else 0,
            "end": ctx.end if ctx else 0, "snippet": ctx.snippet if ctx else "",
            "form": ctx.form if ctx else ""}


def _object_rows(rel: str, job_key: str, kind: str, key: str, rank: int, obj: Any
                 ) -> list[dict[str, Any]]:
    """Rows of one Cluster or TermCandidate, whatever fields it has.

    Counters and dicts (forms, docs, votes; keys JSON-encoded) give a row per
    item; lists (contexts) a row per context; the other fields go in the object's
    own row: ``count`` (summed when merging), ``likelihood`` (maximum), the rest
    as JSON ``attrs`` (first seen).
    """
    import json

    scalars: dict[str, Any] = {}
    rows: list[dict[str, Any]] = []
    for f in fields(obj):
        value = getattr(obj, f.name)
        if f.name == "key":
            continue
        if isinstance(value, dict):
            rows += [_row(rel, job_key, kind, key, f"ctr:{f.name}",
                          name=json.dumps(item, ensure_ascii=False), rank=i,
                          count=v if isinstance(v, int) else 0, weight=float(v),
                          isint=isinstance(v, int))
                     for i, (item, v) in enumerate(value.items())]
        elif isinstance(value, list):
            rows += [_row(rel, job_key, kind, key, f"ctx:{f.name}", rank=i, ctx=c)
                     for i, c in enumerate(value)]
        else:
            scalars[f.name] = value
    count = int(scalars.pop("count", 0) or 0)
    weight = float(scalars.pop("likelihood", 0.0) or 0.0)
    rows.append(_row(rel, job_key, kind, key, "cluster", rank=rank, count=count, weight=weight,
                     attrs=json.dumps(scalars, sort_keys=True)))
    return rows


def drain(extractor: Any, rel: str, job_key: str) -> tuple[list[dict[str, Any]], int]:
    """Moves an extractor's evidence into rows and empties it.

    Args:
        extractor: A :class:`toolkit.extract.pipeline.Extractor` that has read
            one document since the last drain.
        rel: The document's key in the manifest.
        job_key: Its job key.

    Returns:
        ``(rows, words)``: the evidence rows and the number of Arabic words read.
    """
    rows: list[dict[str, Any]] = []
    for table in CLUSTER_TABLES:
        holder, attr = _holder(extractor, table)
        clusters: dict[Any, Any] = getattr(holder, attr)
        for rank, (key, cluster) in enumerate(clusters.items()):
            rows += _object_rows(rel, job_key, table, str(key), rank, cluster)
        setattr(holder, attr, {})
    counter = extractor.terms
    for rank, (key, cand) in enumerate(counter.terms.items()):
        rows += _object_rows(rel, job_key, "terms", _SEP.join(key), rank, cand)
    rows += [_row(rel, job_key, "words", w, "word", count=n)
             for w, n in counter.word_counts.items()]
    words = int(counter.total_words)
    rows.append(_row(rel, job_key, "words", "", "total", count=words))
    counter.terms = {}
    counter.word_counts = Counter()
    counter.total_words = 0
    extractor.documents = []
    return rows, words


def write_part(rows: Sequence[Mapping[str, Any]], path: Path, part: str) -> None:
    """Writes one chunk's rows to a parquet file, atomically.

    Args:
        rows: From :func:`drain`, for the documents of the chunk.
        path: The part file.
        part: Its name, stored in every row (the manifest names the part each
            document's current evidence is in).
    """
    import polars as pl

    from glossary.fileio import atomic_open

    frame = pl.DataFrame([{**r, "part": part} for r in rows], schema=_schema(), orient="row")
    with atomic_open(path, "wb", encoding=None) as handle:
        frame.write_parquet(handle)


def _schema() -> dict[str, Any]:
    import polars as pl

    return {"rel": pl.String, "job_key": pl.String, "kind": pl.String, "key": pl.String,
            "field": pl.String, "name": pl.String, "rank": pl.Int64, "count": pl.Int64,
            "weight": pl.Float64, "isint": pl.Boolean, "attrs": pl.String, "doc": pl.String,
            "start": pl.Int64, "end": pl.Int64, "snippet": pl.String, "form": pl.String,
            "part": pl.String}


def aggregate(parts: Sequence[Path], current: Iterable[tuple[str, str, str, int, str]],
              extractor: Any) -> Any:
    """Aggregates the parts into ``extractor`` (fresh, from the same spec).

    Args:
        parts: The parquet files.
        current: ``(rel, job_key, part, order, path)`` of every document done:
            rows of other (stale) documents or parts are ignored; ``order`` is
            the document's position in the sorted input, ``path`` its name as
            the single-file command would have read it.
        extractor: An empty extractor; it receives the merged state.

    Returns:
        ``extractor``, ready for ``entries()``.
    """
    import polars as pl

    from toolkit.extract.contexts import MAX_CONTEXTS

    done = list(current)
    extractor.documents = [d[4] for d in sorted(done, key=lambda d: d[3])]
    if not done or not parts:
        return extractor
    keep = pl.LazyFrame({"rel": [d[0] for d in done], "job_key": [d[1] for d in done],
                         "part": [d[2] for d in done], "ord": [d[3] for d in done]},
                        schema={"rel": pl.String, "job_key": pl.String, "part": pl.String,
                                "ord": pl.Int64})
    rows = (pl.scan_parquet([str(p) for p in parts])
            .join(keep, on=["rel", "job_key", "part"], how="inner")
            .with_columns(pos=(pl.col("ord") * (1 << _RANK_BITS)) + pl.col("rank")))

    def collect(lf: pl.LazyFrame) -> pl.DataFrame:
        return lf.collect(engine="streaming")

    ids = ["kind", "key"]
    clusters = collect(rows.filter(pl.col("field") == "cluster").group_by(ids).agg(
        pl.col("pos").min(), pl.col("weight").max(), pl.col("count").sum(),
        pl.col("attrs").sort_by("pos").first()).sort("pos"))
    named = collect(rows.filter(pl.col("field").str.starts_with("ctr:"))
                    .group_by([*ids, "field", "name"])
                    .agg(pl.col("pos").min(), pl.col("count").sum(), pl.col("weight").sum(),
                         pl.col("isint").all())
                    .sort("pos"))
    contexts = collect(rows.filter(pl.col("field").str.starts_with("ctx:"))
                       .filter(pl.col("pos").rank("ordinal").over([*ids, "field"])
                               <= MAX_CONTEXTS)
                       .sort("pos"))
    words = collect(rows.filter(pl.col("field") == "word").group_by("key")
                    .agg(pl.col("count").sum()))
    total = collect(rows.filter(pl.col("field") == "total").select(pl.col("count").sum()))
    _rebuild(extractor, clusters, named, contexts)
    counter = extractor.terms
    counter.word_counts = Counter(dict(zip(words["key"].to_list(), words["count"].to_list(),
                                           strict=True)))
    counter.total_words = int(total.item() or 0)
    return extractor


def _rebuild(extractor: Any, clusters: Any, named: Any, contexts: Any) -> None:
    import json

    from toolkit.extract.cluster import Cluster
    from toolkit.extract.terms import TermCandidate

    objects: dict[tuple[str, str], Any] = {}
    tables: dict[str, dict[Any, Any]] = {t: {} for t in CLUSTER_TABLES}
    terms: dict[tuple[str, ...], Any] = {}
    for kind, key, _pos, weight, count, attrs in clusters.iter_rows():
        obj: Any
        scalars = json.loads(attrs) if attrs else {}
        if kind == "terms":
            tkey = tuple(key.split(_SEP))
            obj = terms[tkey] = TermCandidate(tkey, **scalars)
        else:
            obj = Cluster(key, **scalars)
            tables[kind][int(key) if kind == "_known_terms" else key] = obj
        if hasattr(obj, "count") and not isinstance(type(obj).__dict__.get("count"), property):
            obj.count = int(count)
        if hasattr(obj, "likelihood"):
            obj.likelihood = float(weight)
        objects[(kind, key)] = obj
    for kind, key, fld, name, _pos, count, weight, isint in named.iter_rows():
        target = getattr(objects[(kind, key)], fld[4:])
        item = json.loads(name)  # a string, or a list for a tuple key
        item = tuple(item) if isinstance(item, list) else item
        target[item] = target.get(item, 0) + (int(count) if isint else float(weight))
    for row in contexts.iter_rows(named=True):
        getattr(objects[(row["kind"], row["key"])], row["field"][4:]).append(
            Context(doc=row["doc"], start=int(row["start"]), end=int(row["end"]),
                    snippet=row["snippet"], form=row["form"]))
    for table, values in tables.items():
        holder, attr = _holder(extractor, table)
        setattr(holder, attr, values)
    extractor.terms.terms = terms


def finish_extract(spec: Any, tasks: Sequence[DocTask], out: Path, manifest: Manifest
                   ) -> list[Any]:
    """Aggregates the parts of the documents done into ``OUT_DIR/glossary.json``.

    Called at the end of a ``batch extract`` run, and when it stops early (the
    glossary then holds what the documents done so far give). Parts that no done
    document uses (stale, or of a chunk that was not recorded) are removed.

    Args:
        spec: The job's :class:`~toolkit.batch.jobs.ExtractSpec`.
        tasks: Every document of the job, in input order.
        out: The output folder.
        manifest: Its manifest, open.

    Returns:
        The candidates (:class:`toolkit.extract.Extracted`), as ``avet extract`` finds
        them in the documents done.

    Raises:
        AvetError: If glossary.json cannot be written (a full disk; it is replaced
            atomically, so the previous one stays); an ``OSError`` for a failure the
            write does not name.
    """
    from glossary.formats import write_glossary

    parts_dir = out / PARTS_DIR
    by_rel = {t.rel: t for t in tasks}
    current = [(s.rel, s.job_key, s.output or "", by_rel[s.rel].order, by_rel[s.rel].path)
               for s in manifest.states() if s.status == "done" and s.rel in by_rel]
    used = {c[2] for c in current}
    parts = sorted(p for p in parts_dir.glob("part-*.parquet") if p.name in used)
    extractor = aggregate(parts, current, spec.extractor())
    extracted = extractor.entries()
    write_glossary([x.entry for x in extracted], out / GLOSSARY_NAME, format="json")
    for stale in parts_dir.glob("part-*.parquet") if parts_dir.is_dir() else []:
        if stale.name not in used:
            stale.unlink()
    return list(extracted)
