"""Worker process pools that ignore Ctrl+C and die with the process that started them.

A terminal sends SIGINT to the whole process group: workers that took it printed tracebacks of
their own, and a refresh killed with -9 left its workers (waiting on a queue nobody would close)
alive for minutes. Workers here ignore SIGINT (the parent decides what Ctrl+C means) and end when
their parent goes, however it goes.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_WATCH_SECONDS = 0.2


class WorkerPool(ProcessPoolExecutor):
    """A ProcessPoolExecutor that can also be ended at once (Ctrl+C), not only after its work."""

    def terminate(self) -> None:
        """Cancel what is queued and kill the workers now; for an interrupted run."""
        # The executor has no public way to stop a running task (3.14 adds terminate_workers()).
        processes = list((getattr(self, "_processes", None) or {}).values())
        self.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                process.kill()


def worker_pool(
    max_workers: int,
    *,
    preload: Sequence[str] = (),
    initializer: Callable[..., object] | None = None,
    initargs: tuple = (),
) -> ProcessPoolExecutor:
    """A pool of max_workers processes (forkserver) that ignore SIGINT and die with their parent.

    preload: modules the forkserver imports once, so each worker starts with them (only the first
    pool of a process sets them: the forkserver is shared). initializer(*initargs) then runs in
    each worker, as with ProcessPoolExecutor.
    """
    ctx = multiprocessing.get_context("forkserver")
    if preload:
        ctx.set_forkserver_preload(list(preload))
    with _sigint_ignored():
        from multiprocessing import forkserver

        forkserver.ensure_running()
    return WorkerPool(
        max(1, max_workers),
        mp_context=ctx,
        initializer=_worker_init,
        initargs=(os.getpid(), initializer, initargs),
    )


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored by the whole process while the forkserver (and resource tracker) are spawned.

    A process started with SIGINT ignored keeps ignoring it, and Python leaves it so: otherwise a Ctrl+C
    landing while the forkserver imports its preloads printed their tracebacks. signal.signal() works
    on the main thread only and pools start on helper threads, hence libc's sigaction; the handler
    is put back byte for byte. A Ctrl+C in these few milliseconds is lost, not misread.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        ignore = ctypes.create_string_buffer(256)  # struct sigaction: the handler comes first
        ctypes.memmove(ignore, ctypes.byref(ctypes.c_void_p(1)), ctypes.sizeof(ctypes.c_void_p))  # SIG_IGN
        saved = ctypes.create_string_buffer(256)
        swapped = libc.sigaction(signal.SIGINT, ignore, saved) == 0
    except (OSError, AttributeError):
        swapped = False
    try:
        yield
    finally:
        if swapped:
            libc.sigaction(signal.SIGINT, saved, None)


def _worker_init(parent_pid: int, then: Callable[..., object] | None = None, args: tuple = ()) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Our parent is the forkserver, which exits when the process that started it goes (its pipe
    # closes); PDEATHSIG turns that into our end. The watch covers the rest (no prctl, a slow exit).
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    threading.Thread(target=_watch, args=(parent_pid,), name="newsreader-parent-watch", daemon=True).start()
    if then is not None:
        then(*args)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # gone, or the pid now belongs to someone else
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[-1].split()[0] != b"Z"  # killed, not yet reaped
    except OSError:
        return True  # no /proc: the signal check is all there is


def _watch(parent_pid: int) -> None:
    while _alive(parent_pid):
        time.sleep(_WATCH_SECONDS)
    os._exit(0)
