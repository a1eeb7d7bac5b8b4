"""Small statistics for latency samples: percentiles (linear interpolation, as numpy's default) and summaries."""

import statistics
from collections.abc import Sequence


def percentile(values: Sequence[float], pct: float) -> float:
    """The pct-th percentile (0..100) of the values, interpolating between the two nearest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50, p95, p99 and mean of latencies given in seconds, in milliseconds."""
    if not seconds:
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan"), "mean": float("nan"), "n": 0}
    return {
        "p50": 1000 * percentile(seconds, 50),
        "p95": 1000 * percentile(seconds, 95),
        "p99": 1000 * percentile(seconds, 99),
        "mean": 1000 * statistics.fmean(seconds),
        "n": len(seconds),
    }


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")
