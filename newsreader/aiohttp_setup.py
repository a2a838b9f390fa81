"""aiohttp made ready for a refresh: imported without loading CA certificates, the verifying TLS
context made on first https use, proxies taken from the environment only when set."""

from __future__ import annotations

import os
import sys
import threading

_IMPORTING = threading.Lock()


def import_aiohttp():  # noqa: ANN202 - the module
    """Import aiohttp without the ~60 ms it spends loading CA certificates into two default contexts.

    A refresh of plain-http feeds never needs them, and warm refresh time is mostly start-up. Contexts
    made during the import get no CA list, so anything relying on them fails closed (certificate
    errors), and `tls_context()` puts a real one in place the first time an https address is fetched.
    """
    with _IMPORTING:  # another thread's import in progress leaves aiohttp in sys.modules half made
        return _import_aiohttp()


def _import_aiohttp():  # noqa: ANN202 - the module
    module = sys.modules.get("aiohttp")
    if module is not None:
        return module
    import ssl

    saved_default = ssl.create_default_context
    own_paths = "set_default_verify_paths" in ssl.SSLContext.__dict__
    saved_paths = ssl.SSLContext.__dict__.get("set_default_verify_paths")
    ssl.create_default_context = lambda *a, **k: ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ssl.SSLContext.set_default_verify_paths = lambda self: None
    try:
        import aiohttp
    finally:
        ssl.create_default_context = saved_default
        if own_paths:
            ssl.SSLContext.set_default_verify_paths = saved_paths
        else:
            del ssl.SSLContext.set_default_verify_paths
    return aiohttp


_TLS: object | None = None


def tls_context():  # noqa: ANN202 - an ssl.SSLContext
    """The verifying TLS context, made on first use (and given back to aiohttp's default)."""
    global _TLS
    if _TLS is None:
        import ssl

        context = ssl.create_default_context()
        context.set_alpn_protocols(["http/1.1"])
        connector = sys.modules.get("aiohttp.connector")
        if isinstance(getattr(connector, "_SSL_CONTEXT_VERIFIED", None), ssl.SSLContext):
            connector._SSL_CONTEXT_VERIFIED = context
        _TLS = context
    return _TLS


def proxy_in_environment() -> bool:
    return any(k.lower() in ("http_proxy", "https_proxy", "all_proxy") and v for k, v in os.environ.items())
