"""One measured fix to the archived SDK stack, applied once by the composition root.

msrest's ClientRetryPolicy builds its retry list with `i not in self.safe_codes` over a 500-item *list*
for each of 999 status codes. The SDK builds two such policies for every incoming activity (connector
and token clients), which cost about 17 ms of CPU per turn here, more than the rest of a turn put
together. Making `safe_codes` a frozenset gives the same membership answers in constant time.
"""

from msrest.universal_http.requests import ClientRetryPolicy


def apply_sdk_patches() -> None:
    """Idempotent: safe to call more than once."""
    if not isinstance(ClientRetryPolicy.safe_codes, frozenset):
        ClientRetryPolicy.safe_codes = frozenset(ClientRetryPolicy.safe_codes)
