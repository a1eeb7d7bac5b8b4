"""The msrest retry-policy patch keeps the same retry codes (only the container type changes)."""

from msrest.universal_http.requests import ClientRetryPolicy

from bot.sdk_patches import apply_sdk_patches


def test_same_retry_codes_after_the_patch():
    original = ClientRetryPolicy.safe_codes
    try:
        ClientRetryPolicy.safe_codes = list(original)
        before = ClientRetryPolicy().policy.status_forcelist
        apply_sdk_patches()
        apply_sdk_patches()
        assert isinstance(ClientRetryPolicy.safe_codes, frozenset)
        assert ClientRetryPolicy().policy.status_forcelist == before
        assert before == [408, *range(500, 501), *range(502, 505), *range(506, 999)]
    finally:
        ClientRetryPolicy.safe_codes = original
