#!/usr/bin/python3
"""How fast lodestone-cli stops when interrupted, stage by stage.

    cancel_latency.py CLI SURVEY LABELS WORK [--stream on|off] [--delay S] [--repeat N]

For every stage of a run, a fresh run is started; when the tool prints the stage's line (it prints one line per
stage when stderr is not a terminal), the script waits --delay seconds and sends SIGINT (Ctrl-C). The latency is
the time from the signal to the end of the process. A run that ended before the signal counts as "finished first"
(the stage was shorter than the delay). Every run writes into WORK/out, which holds an earlier complete run: the
script checks that the interrupted runs left it as it was. Prints one JSON line per stage.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time

STAGES = ["Training autoencoder", "Computing feature rasters", "Cross-validating", "Classifying the map",
          "Writing outputs"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("survey")
    ap.add_argument("labels")
    ap.add_argument("work")
    ap.add_argument("--stream", default="on")
    ap.add_argument("--delay", type=float, default=0.3)
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()
    out = os.path.join(a.work, "out")
    base = [a.cli, "run", "--survey", a.survey, "--labels", a.labels, "--out", out, "--stream", a.stream]
    os.makedirs(a.work, exist_ok=True)
    if not os.path.exists(os.path.join(out, "report.json")):
        subprocess.run(base + ["--quiet"], check=True, stdout=subprocess.DEVNULL)
    report = os.path.join(out, "report.json")
    for stage in STAGES:
        latencies, finished, intact = [], 0, True
        for _ in range(a.repeat):
            before = open(report).read()
            p = subprocess.Popen(base + ["--seed", "7"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            sent = None
            for line in p.stderr:
                if sent is None and line.startswith(stage):
                    time.sleep(a.delay)
                    if p.poll() is None:
                        sent = time.monotonic()
                        p.send_signal(signal.SIGINT)
            p.wait()
            end = time.monotonic()
            # Done before the signal, or killed by it while exiting after the outputs were complete (the tool
            # restores the default handler once its work is over): the run finished first.
            if sent is None or p.returncode == 0 or (p.returncode == -signal.SIGINT and open(report).read() != before):
                finished += 1
                continue
            if p.returncode != 130:
                sys.exit(f"{stage}: exit code {p.returncode}, expected 130")
            latencies.append(round(end - sent, 3))
            intact = intact and open(report).read() == before and not [f for f in os.listdir(out) if "partial" in f]
        print(json.dumps({"stage": stage, "stream": a.stream, "latency_s": latencies, "finished_first": finished,
                          "previous_results_intact": intact}), flush=True)


if __name__ == "__main__":
    main()
