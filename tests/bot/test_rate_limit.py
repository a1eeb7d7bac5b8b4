"""The per-user rate limit: a sliding 60-second window."""

from bot.rate_limit import RateLimiter


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_allows_up_to_the_limit_then_refuses_until_the_window_moves():
    clock = Clock()
    limiter = RateLimiter(3, clock)
    assert [limiter.allow("u") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("someone-else")
    clock.t += 59.9
    assert not limiter.allow("u")
    clock.t += 0.2
    assert limiter.allow("u")


def test_zero_turns_it_off():
    limiter = RateLimiter(0)
    assert all(limiter.allow("u") for _ in range(100))
