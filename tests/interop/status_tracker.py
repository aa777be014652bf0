#!/usr/bin/env python3
"""pynamodb_mate's real status tracker, driven by the JS tests (status_tracker.interop.test.mjs).

    .venv-pm6/bin/python tests/interop/status_tracker.py v6 < ops.json   # pynamodb_mate 6.0.1.1
    .venv-pm5/bin/python tests/interop/status_tracker.py v5 < ops.json   # pynamodb_mate 5.3.4.4

stdin: {"table", "use_case_id", "shards": {"pending": n, ...}, "lock_expire_seconds", "ops": [...]};
stdout: one JSON result per op, as a JSON list. The endpoint is ENDPOINT (else MOTO_ENDPOINT).
Status codes are the JS tracker's defaults: 10/20/30/40/50 (v6), 0/3/6/9/10 (v5).

ops: {"op": "create_table"} | {"op": "create", "task", "data"?} | {"op": "run", "task", "fail"?:
message, "data"?: dict, "sleep"?: seconds} (run = start + body, result "ok" or the exception's
repr) | {"op": "get", "task"} | {"op": "query", "status": [codes]} | {"op": "unfinished"} |
{"op": "work", "log", "worker", "fail_rate", "idle_rounds"?} (a worker draining the use case,
logging each body to the shared log like js/tracker/fleet/worker.mjs; result: its counts).
"""

import json
import os
import random
import sys
import time

sys.dont_write_bytecode = True

CODES = {
    "v6": {"pending": 10, "in_progress": 20, "failed": 30, "succeeded": 40, "ignored": 50},
    "v5": {"pending": 0, "in_progress": 3, "failed": 6, "succeeded": 9, "ignored": 10},
}


def meta(table):
    class Meta:
        table_name = table
        host = os.environ.get("ENDPOINT") or os.environ["MOTO_ENDPOINT"]
        region = "us-east-1"
        aws_access_key_id = "test"
        aws_secret_access_key = "test"
    return Meta


def iso(value):
    return value.strftime("%Y-%m-%dT%H:%M:%S.%f+0000") if value is not None else None


def v6_model(spec):
    import pynamodb_mate.api as pm
    st = pm.patterns.status_tracker
    codes = CODES["v6"]
    shards = spec.get("shards", {})

    class Task(st.BaseTask):
        Meta = meta(spec["table"])
        config = st.TrackerConfig.make(
            use_case_id=spec["use_case_id"],
            pending_status=codes["pending"], in_progress_status=codes["in_progress"],
            failed_status=codes["failed"], succeeded_status=codes["succeeded"], ignored_status=codes["ignored"],
            n_pending_shard=shards.get("pending", 1), n_in_progress_shard=shards.get("inProgress", 1),
            n_failed_shard=shards.get("failed", 1), n_succeeded_shard=shards.get("succeeded", 1),
            n_ignored_shard=shards.get("ignored", 1),
            lock_expire_seconds=spec.get("lock_expire_seconds", 300),
        )
        status_and_update_time_index = st.StatusAndUpdateTimeIndex()

    return Task, st


def v5_model(spec):
    import pynamodb_mate as pm
    st = pm.patterns.status_tracker

    class Task(st.BaseStatusTracker):
        Meta = meta(spec["table"])
        JOB_ID = spec["use_case_id"]
        status_and_task_id_index = st.StatusAndTaskIdIndex()

    return Task, st


def describe(task, version):
    if task is None:
        return None
    out = {
        "key": task.key, "value": task.value, "retry": task.retry, "lock": task.lock,
        "lock_time": iso(task.lock_time), "update_time": iso(task.update_time), "data": task.data, "errors": task.errors,
    }
    if version == "v6":
        out.update(status=task.status, create_time=iso(task.create_time), task_id=task.task_id)
    else:
        out.update(status=task.status, task_id=task.task_id)
    return out


def body(op):
    if op.get("sleep"):
        time.sleep(op["sleep"])
    if op.get("fail"):
        raise ValueError(op["fail"])


def run_v6(Task, op):
    with Task.start(task_id=op["task"], detailed_error=True) as ctx:
        if op.get("data") is not None:
            ctx.set_data(op["data"])
        body(op)


def run_v5(Task, op):
    codes = CODES["v5"]
    task = Task.get_one_or_none(task_id=op["task"])
    with task.start(in_process_status=codes["in_progress"], failed_status=codes["failed"],
                    success_status=codes["succeeded"], ignore_status=codes["ignored"]):
        if op.get("data") is not None:
            task.set_data(op["data"])
        body(op)


def work_v6(Task, st, op):
    """A worker draining the use case, as the JS fleet workers do (js/tracker/fleet/worker.mjs):
    query unfinished tasks, start each, log the body's start and end to the shared log."""
    rng = random.Random()
    bodies = 0
    idle = 0
    counts = {"succeeded": 0, "failed": 0, "skipped": 0}

    def line(**event):
        with open(op["log"], "a") as log:  # one write per line: appends do not interleave
            log.write(json.dumps({**event, "worker": op["worker"], "t": time.time() * 1000}) + "\n")

    while idle < op.get("idle_rounds", 10):
        task_ids = [t.task_id for t in Task.query_for_unfinished(limit=20)]
        rng.shuffle(task_ids)
        started = 0
        for task_id in task_ids:
            body = f"{op['worker']}:{bodies}"
            try:
                with Task.start(task_id=task_id) as ctx:
                    bodies += 1
                    started += 1
                    line(event="start", task=task_id, body=body, retry=ctx.task.retry)
                    time.sleep(rng.uniform(0.002, 0.015))
                    fail = rng.random() < op["fail_rate"]
                    line(event="end", task=task_id, body=body, outcome="fail" if fail else "ok")
                    if fail:
                        raise ValueError(f"injected by {op['worker']}")
                counts["succeeded"] += 1
            except ValueError:
                counts["failed"] += 1
            except st.TaskIsNotReadyToStartError:  # another worker has it
                counts["skipped"] += 1
        idle = 0 if task_ids else idle + 1
        if not started:
            time.sleep(0.1)
    return counts


def main(version):
    spec = json.load(sys.stdin)
    Task, st = (v6_model if version == "v6" else v5_model)(spec)
    results = []
    for op in spec["ops"]:
        kind = op["op"]
        try:
            if kind == "create_table":
                Task.create_table(billing_mode="PAY_PER_REQUEST", wait=True)
                results.append("ok")
            elif kind == "create":
                if version == "v6":
                    Task.make_and_save(task_id=op["task"], data=op.get("data"))
                else:
                    Task.new(task_id=op["task"], data=op.get("data"))
                results.append("ok")
            elif kind == "run":
                (run_v6 if version == "v6" else run_v5)(Task, op)
                results.append("ok")
            elif kind == "get":
                results.append(describe(Task.get_one_or_none(task_id=op["task"], consistent_read=True), version))
            elif kind == "query":
                keys = [t.key for t in Task.query_by_status(op["status"], limit=1000)]
                results.append(sorted(keys))
            elif kind == "unfinished":
                results.append(sorted(t.key for t in Task.query_for_unfinished(limit=1000)))
            elif kind == "work":
                results.append(work_v6(Task, st, op))
            else:
                raise SystemExit(f"unknown op {kind}")
        except (st.TaskLockedError, st.TaskIgnoredError, ValueError) as error:
            results.append(repr(error))
        except Exception as error:
            if type(error).__name__.startswith("Task"):
                results.append(repr(error))
            else:
                raise
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
