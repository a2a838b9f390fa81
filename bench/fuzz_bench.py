"""Long fuzzing run: the drivers of tests/test_fuzz.py on many more, and larger, mutated inputs.

Each kind runs in its own process so that its peak memory is its own; an input that takes longer than
--timeout seconds counts as a hang. Prints inputs tried, refusals (the entry point's one-line error),
failures (any other exception, unsafe display text, a hang) with the seed and index that reproduce
them, the slowest input and the peak memory.

    .venv/bin/python bench/fuzz_bench.py                       # 2,000 inputs per kind, seed 1
    .venv/bin/python bench/fuzz_bench.py --kind feed --count 20000 --seed 5 --scale 20
    .venv/bin/python bench/fuzz_bench.py --kind page --seed 1 --only 37 --dump /tmp/input.html
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_fuzz import DRIVERS, Outcome, fuzz_inputs, seeds  # noqa: E402


class Hang(BaseException):
    """Not an Exception: the entry points' own `except Exception` must not swallow it."""


def _alarm(signum, frame):
    raise Hang


def run_kind(kind: str, count: int, seed: int, scale: int, timeout: float, queue) -> None:
    signal.signal(signal.SIGALRM, _alarm)
    DRIVERS[kind](seeds(kind, 1)[0])  # warm up: lazy imports are not the first input's time
    tried = refused = 0
    failures: list[str] = []
    slowest = (0.0, -1)
    for i, data in enumerate(fuzz_inputs(kind, count, seed, every=1, scale=scale)):
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            outcome = DRIVERS[kind](data)
        except Hang:
            outcome = Outcome("failed", f"no answer within {timeout:g} s")
        except Exception as exc:  # noqa: BLE001 - what the fuzzer looks for
            outcome = Outcome("failed", f"{type(exc).__name__}: {str(exc)[:200]!r}")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        took = time.perf_counter() - start
        slowest = max(slowest, (took, i))
        tried += 1
        refused += outcome.kind == "refused"
        if outcome.kind == "failed":
            failures.append(f"  --kind {kind} --seed {seed} --only {i} ({len(data)} bytes): {outcome.detail}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((kind, tried, refused, failures, slowest, peak_mb))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--kind", choices=sorted(DRIVERS), action="append", help="default: every kind")
    p.add_argument("--count", type=int, default=2000, help="inputs per kind")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--scale", type=int, default=10, help="size multiplier of huge and deep mutations")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds before an input counts as a hang")
    p.add_argument("--only", type=int, metavar="I", help="run input I alone (with --kind)")
    p.add_argument("--dump", type=Path, metavar="FILE", help="with --only: write the input to FILE")
    args = p.parse_args()
    kinds = args.kind or sorted(DRIVERS)
    if args.only is not None:
        if len(kinds) != 1:
            p.error("--only needs one --kind")
        data = list(fuzz_inputs(kinds[0], args.only + 1, args.seed, every=1, scale=args.scale))[-1]
        if args.dump:
            args.dump.write_bytes(data)
        print(DRIVERS[kinds[0]](data))
        return 0
    queue: multiprocessing.Queue = multiprocessing.Queue()
    total_failures = 0
    for kind in kinds:
        proc = multiprocessing.Process(
            target=run_kind, args=(kind, args.count, args.seed, args.scale, args.timeout, queue)
        )
        proc.start()
        kind, tried, refused, failures, (slow, slow_i), peak = queue.get()
        proc.join()
        total_failures += len(failures)
        print(
            f"{kind:7s} tried {tried:6d}  refused {refused:6d}  failures {len(failures):4d}  "
            f"slowest {slow:6.2f} s (input {slow_i})  peak {peak:7.1f} MB",
            flush=True,
        )
        for line in failures[:20]:
            print(line)
        if len(failures) > 20:
            print(f"  ... and {len(failures) - 20} more")
    print(f"failures found: {total_failures}")
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
