"""Run the shards of an extract on a dask.distributed cluster.

The shard function is the same as the local engine's (``extract.runner.run_shard``): each task
reads its files, writes its part files and completion marker into the output folder, and returns
its counts.  The output folder must therefore be reachable from every worker (a shared file
system on a cluster; the local disk for a LocalCluster).  With ``scheduler=None`` a LocalCluster of
``jobs`` single-threaded worker processes is started and closed again.
"""
from __future__ import annotations

from collections.abc import Callable

from extract.pipeline import ExtractConfig


def run_dask(pending: list, out: str, config: ExtractConfig, *, jobs: int = 1, scheduler: str | None = None,
             progress: Callable[[int, int, int], None] | None = None) -> None:
    """Run ``pending`` shards on a cluster; raise the first task error (shard errors of single
    documents are rows in ``errors``, not task errors)."""
    from dask.distributed import Client, LocalCluster, as_completed

    from extract.runner import run_shard

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        futures = [client.submit(run_shard, spec, out, config, key=f"zongjie-shard-{spec.shard_id}",
                                 pure=False) for spec in pending]
        for fut in as_completed(futures):
            counts = fut.result()
            if progress:
                progress(counts["files"], counts["documents"], counts["bytes_read"])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
