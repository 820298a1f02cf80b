"""Stopping a command cleanly on Ctrl-C (SIGINT) or SIGTERM.

The handler raises :class:`Stopped` so that every ``finally`` clean-up runs.
Python cannot raise into a destructor (``__del__``) that happens to be
running, so the request is also remembered and raised again at the next
stage boundary (:func:`check`).
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator

NAMES = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}
_requested: list[int] = []


class Stopped(KeyboardInterrupt):
    def __init__(self, signum: int) -> None:
        super().__init__(NAMES.get(signal.Signals(signum), "stopped"))
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _handler(signum: int, frame: object) -> None:
    _requested.append(signum)
    raise Stopped(signum)


def check() -> None:
    """Raise :class:`Stopped` if a stop was requested, even one swallowed by a destructor."""
    if _requested:
        raise Stopped(_requested[0])


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into :class:`Stopped` while the block runs."""
    _requested.clear()
    previous = {sig: signal.signal(sig, _handler) for sig in NAMES}
    hook = sys.unraisablehook

    def quiet(unraisable: sys.UnraisableHookArgs) -> None:
        # A stop raised inside a destructor or an import's clean-up callback cannot propagate; it is
        # remembered and raised at the next check(), so Python's "Exception ignored in" report is noise.
        if not isinstance(unraisable.exc_value, Stopped):
            hook(unraisable)

    sys.unraisablehook = quiet
    try:
        yield
    finally:
        sys.unraisablehook = hook
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM for a step that must not be cut in half (a rename pair, starting a process)."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, set(NAMES))
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
