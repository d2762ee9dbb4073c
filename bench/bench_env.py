"""Imported by bench/pack.py before Django loads: the Redis broker its workers use (REDIS_URL,
else the local server's database 0) and a packs queue of this run's own, so that nothing else
on the broker is touched; the clerk's edits are not rendered ahead unless a figure asks."""

import os

os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
# Kept for the processes this one starts (the forkserver loads this module again).
os.environ["PACK_QUEUE"] = os.environ.setdefault("BENCH_PACK_QUEUE", f"bench-packs-{os.getpid()}")
os.environ["PACK_PRERENDER"] = "0"
