"""How long odd and hostile questions take (the functional tests in tests/reliability check only
what they answer): each question of tests/reliability/test_hostile_input.py through bot.answer,
timed over a few rounds in one process after a warm-up.

    python bench/hostile.py            # prints the slowest and the median, in ms, per question
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "reliability")]


def main(rounds: int = 3) -> int:
    from test_hostile_input import HOSTILE

    import bot

    bot.default_bot().warm_up()
    print("| question | median ms | slowest ms |\n|---|---|---|")
    for name, question in HOSTILE.items():
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            try:
                bot.answer(question)
            except ValueError:
                pass  # a clear message is the answer here
            times.append((time.perf_counter() - t) * 1000)
        print(f"| {name} | {statistics.median(times):.0f} | {max(times):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
