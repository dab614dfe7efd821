"""Stands in for Lambda's Python runtime: import the rule's module (init), then invoke its handler.

Prints, on stdout, epoch-microsecond marks the harness turns into durations:
  ready=T   the module is imported and the handler can take an event
  done=T    the first (cold) invocation returned
  warm_us=D the median of the further invocations asked for with --warm N
  modules=N modules loaded when the cold invocation returned

usage: invoke_python.py EVENT.json [--warm N]
"""

import json
import sys
import time


def now_us():
    return time.time_ns() // 1000


def main():
    event_file = sys.argv[1]
    warm = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--warm" else 0
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    import rule

    print("ready=%d" % now_us(), flush=True)
    with open(event_file, encoding="utf-8") as f:
        event = json.load(f)
    rule.lambda_handler(event, None)
    print("done=%d" % now_us(), flush=True)
    print("modules=%d" % len(sys.modules), flush=True)
    times = []
    for _ in range(warm):
        start = time.perf_counter_ns()
        rule.lambda_handler(event, None)
        times.append((time.perf_counter_ns() - start) // 1000)
    if times:
        times.sort()
        print("warm_us=%d" % times[len(times) // 2], flush=True)


if __name__ == "__main__":
    main()
