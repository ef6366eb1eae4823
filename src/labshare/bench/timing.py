"""Small helpers shared by the benchmarks: timing and percentiles."""

import statistics
import time
from collections.abc import Callable


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile of samples (fraction 0.5 = median)."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def measure(action: Callable[[], object], repeat: int) -> list[float]:
    """Run action repeat times; return each run's wall time in milliseconds."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> dict:
    return {
        "runs": len(samples),
        "p50_ms": round(percentile(samples, 0.50), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "mean_ms": round(statistics.fmean(samples), 2),
        "max_ms": round(max(samples), 2),
    }
