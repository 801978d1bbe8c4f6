#!/usr/bin/env python3
"""The Python module's bulk runs against the C++ bench, in one run (docs/performance.md).

    PYTHONPATH=<build>/python python3 bench/python_bulk.py --bench <build>/bench/onething_bench \
        [--rows 1000000] [--dask-rows 400000] [--rules rules]

1. `plan/child-birth` of onething_bench (one thread, and two threads in real time): the
   in-process plans per second of make_plan with varied facts;
2. Catalog.metrics_many over --rows applicants of child-birth whose facts vary as the C++
   bench varies them (every boolean fact true or false, every enum fact any of its values),
   with one thread and with every core: rows per second (wall and CPU), peak memory;
3. onething.dask.metrics_many on LocalClusters of one and two worker processes (one thread
   each) over --dask-rows applicants generated on the workers: rows per second, the speed-up;
4. the C++ bench again; its two runs are averaged.

Ratios are given in wall time (what the issue asks: plans per second) and in CPU time (plans
per CPU second, which holds up when other work shares the machine).
"""
import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

import onething
import onething.dask

ROOT = pathlib.Path(__file__).resolve().parents[1]


def cxx_bench(bench, rules):
    """The C++ bench's plan/child-birth rows: {threads: {"wall": plans per second,
    "cpu": plans per CPU second}} (Google Benchmark's times are per plan; with two threads, the
    real time per plan of both together and the CPU time of both)."""
    ran = subprocess.run([bench, "--rules", rules, "--repetitions", "1",
                          "--benchmark_filter=^plan/child-birth", "--benchmark_format=json"],
                         capture_output=True, check=True, text=True)
    scale = {"ns": 1e9, "us": 1e6, "ms": 1e3, "s": 1.0}
    rates = {}
    for row in json.loads(ran.stdout)["benchmarks"]:
        per_second = scale[row["time_unit"]]
        rates[int(row.get("threads", 1))] = {"wall": per_second / row["real_time"],
                                             "cpu": per_second / row["cpu_time"]}
    return rates


def varied_frame(catalog, rows, seed):
    """Every boolean fact true or false and every enum fact any value, uniformly (the C++
    bench's varied facts), as bool and categorical columns."""
    rng = np.random.default_rng(seed)
    columns = {}
    for fact, declared in sorted(catalog.facts.items()):
        if declared["type"] == "bool":
            columns[fact] = rng.random(rows) < 0.5
        elif declared["type"] == "enum" and declared["values"]:
            codes = rng.integers(0, len(declared["values"]), rows)
            columns[fact] = pd.Categorical.from_codes(codes, categories=declared["values"])
    return pd.DataFrame(columns)


def timed(call):
    """(result, wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _partition(index, rows, rules):
    """Partition `index` of the Dask run: generated on the worker."""
    catalog = onething.dask.catalog([rules])
    frame = varied_frame(catalog, rows, seed=1000 + index)
    frame.index = pd.RangeIndex(index * rows, (index + 1) * rows)
    return frame


def dask_rate(workers, rows, partitions, rules):
    """Rows per second of onething.dask.metrics_many on `workers` worker processes."""
    import dask
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    catalog = onething.Catalog(rules)
    meta = varied_frame(catalog, 0, 0)
    per = rows // partitions
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None) as cluster, Client(cluster):
        def run(count):
            parts = [dask.delayed(_partition)(i, per, rules) for i in range(count)]
            frame = dd.from_delayed(parts, meta=meta)
            result = onething.dask.metrics_many([rules], "child-birth", frame)
            return result["after_days"].sum().compute()

        run(workers * 2)  # every worker loads the catalog before the clock starts
        _, wall, _ = timed(lambda: run(partitions))
    return per * partitions / wall


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", required=True, help="the onething_bench program")
    parser.add_argument("--rules", default=str(ROOT / "rules"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dask-rows", type=int, default=400_000)
    parser.add_argument("--dask-partitions", type=int, default=32)
    parser.add_argument("--threads", type=int, default=None, help="default: every core")
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    rules = os.path.abspath(args.rules)
    threads = args.threads or onething._bulk.default_threads()

    first = cxx_bench(args.bench, rules)
    catalog = onething.Catalog(rules)
    frame = varied_frame(catalog, args.rows, seed=1)
    report = {"rows": args.rows, "facts": frame.shape[1], "threads": threads}
    for count in sorted({1, threads}):
        result, wall, cpu = timed(
            lambda: catalog.metrics_many("child-birth", frame, threads=count, progress=False))
        failed = int(result["error"].notna().sum())
        report[f"metrics_many_{count}"] = {"rows_per_s": args.rows / wall,
                                           "rows_per_cpu_s": args.rows / cpu, "failed": failed,
                                           "mean_items": float(result["items"].mean())}
        del result
    report["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del frame
    if not args.skip_dask:
        one = dask_rate(1, args.dask_rows, args.dask_partitions, rules)
        two = dask_rate(2, args.dask_rows, args.dask_partitions, rules)
        report["dask"] = {"rows": args.dask_rows, "one_worker_rows_per_s": one,
                          "two_workers_rows_per_s": two, "speed_up": two / one}
    second = cxx_bench(args.bench, rules)
    report["cxx_plans_per_s"] = {
        t: {kind: (first[t][kind] + second[t][kind]) / 2 for kind in ("wall", "cpu")}
        for t in first}
    report["cxx_runs"] = [first, second]
    for count in sorted({1, threads}):
        reference = report["cxx_plans_per_s"].get(count)
        if reference:
            ours = report[f"metrics_many_{count}"]
            ours["of_cxx_wall"] = ours["rows_per_s"] / reference["wall"]
            ours["of_cxx_cpu"] = ours["rows_per_cpu_s"] / reference["cpu"]
    report["load_average"] = os.getloadavg()
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
