"""Independent pieces of a build run side by side, each in a process of its own, so that every core is used.

A call runs in a process of its own and sends back its result, or the exception
it raised (a :class:`~generator.errors.BuildError` or
:class:`~generator.errors.ContentError` arrives whole, with its message), through a
pipe. The parent alone handles Ctrl-C and SIGTERM: the workers' server is started
with SIGINT ignored, which it and every worker forked from it keep (an ignored
signal stays ignored across exec, so no worker prints a traceback on Ctrl-C), and a stopped build
ends them all before its clean-up runs. Plain processes are used rather than a
pool: a pool's worker killed while holding the pool's queue lock makes
``Pool.terminate`` wait for ever.

The workers are forked from a server process (multiprocessing's forkserver)
that imports, once, the modules the calls use (:func:`start`): each worker
used to import WeasyPrint, Altair, MkDocs and the rest itself, about 1.5 s of
a one-figure rebuild's 8 s in each language. This project's modules are among
them: the server finds them as its workers would (it and they search the
folder it was started from first), and it starts no thread on importing them,
so forking stays safe. A worker is given this process's environment, folder,
standard output and error, which may have changed since the server started.

With ``jobs=1`` the same calls run one after another in this process; the
output is the same, byte for byte (a test compares the two).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from multiprocessing import forkserver, reduction
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from generator.errors import BuildError, ContentError
from generator.run import stopping

T = TypeVar("T")

_IN_WORKER = False  # set in a worker process: it runs one call and ends


def in_worker() -> bool:
    """Whether this process is a worker, which runs one call and ends (never the process that started the build)."""
    return _IN_WORKER


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.ForkServerContext:
    return multiprocessing.get_context("forkserver")


def start(jobs: int, preload: Sequence[str] = ()) -> None:
    """Start, unless running, the server the workers are forked from, importing the modules ``preload``
    there while this process goes on (loading the content). Nothing is started for ``jobs`` 1. The server started
    first serves the whole process, with the preload given before it started."""
    if jobs <= 1:
        return
    if preload:
        _context().set_forkserver_preload(list(preload))
    # Started with SIGINT ignored, which it and the workers forked from it keep (Python installs its
    # KeyboardInterrupt handler only over the default): Ctrl-C is this process's to handle.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def run(calls: Sequence[Callable[[], T]], jobs: int, names: Sequence[str] | None = None, after: Sequence[int | None] | None = None) -> list[T]:
    """The results of ``calls`` in their order; at most ``jobs`` run at once, each in its own process.

    ``names`` (one per call) name a worker in the message when it dies without an answer. ``after`` (one per call)
    gives the call that must have finished before a call starts, or None; a call waits only for an earlier one,
    so that calls run one after another in their order do the same. The first call that may start is started.
    Calls must be picklable (a module-level function, or a ``functools.partial`` of one).
    """
    needs = list(after or [None] * len(calls))
    if any(need is not None and not 0 <= need < index for index, need in enumerate(needs)):
        raise ValueError(f"a call may wait only for an earlier one: {needs}")
    if jobs <= 1 or len(calls) <= 1:
        return [call() for call in calls]
    labels = list(names or (str(n) for n in range(len(calls))))
    start(jobs)  # the server, if no build started it with its preload
    context = _context()
    environment, folder = dict(os.environ), os.getcwd()
    results: dict[int, T] = {}
    running: dict[int, tuple[BaseProcess, Connection]] = {}
    waiting = list(range(len(calls)))
    try:
        while waiting or running:
            while len(running) < jobs and (ready_now := [i for i in waiting if needs[i] is None or needs[i] in results]):
                index = ready_now[0]
                waiting.remove(index)
                receive, send = context.Pipe(duplex=False)
                process: BaseProcess = context.Process(
                    target=_child, args=(send, calls[index], environment, folder, _Streams()), name=f"build-{labels[index]}", daemon=True
                )
                with stopping.held():  # started and recorded, or neither
                    process.start()
                    running[index] = (process, receive)
                send.close()  # the child holds its end: end-of-file here when it dies
            ready = wait([conn for _, conn in running.values()])
            for index in [i for i, (_, conn) in running.items() if conn in ready]:
                ended, conn = running.pop(index)
                try:
                    kind, value = conn.recv()
                except EOFError:  # died without an answer: killed, out of memory, or os._exit
                    ended.join()
                    raise BuildError(f"the build worker for {labels[index]} ended without finishing (exit code {ended.exitcode})") from None
                finally:
                    conn.close()
                ended.join()
                if kind == "error":
                    raise value
                results[index] = value
            stopping.check()
    finally:
        for left, conn in running.values():
            if left.is_alive():
                left.terminate()
            left.join()
            conn.close()
    return [results[i] for i in range(len(calls))]


class _Streams:
    """This process's standard output and error, as a worker's: it is forked from a server that has those it started with."""

    def __reduce__(self) -> tuple[Callable[..., None], tuple[Any, Any]]:
        sys.stdout.flush()
        sys.stderr.flush()
        return _attach, (reduction.DupFd(1), reduction.DupFd(2))  # sent with the call when the worker starts


def _attach(out: Any, err: Any) -> None:
    os.dup2(out.detach(), 1)
    os.dup2(err.detach(), 2)


def _child(conn: Connection, call: Callable[[], Any], environment: dict[str, str], folder: str, streams: object) -> None:
    # SIGTERM from the parent ends the worker through SystemExit, so that its own child
    # processes (an engine run as a program) are killed and its `finally` blocks run.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    global _IN_WORKER
    _IN_WORKER = True
    os.environ.clear()
    os.environ.update(environment)
    os.chdir(folder)
    try:
        result: tuple[str, Any] = ("ok", call())
    except (BuildError, ContentError) as exc:
        result = ("error", exc)
    except OSError as exc:  # a full disk or a permission, as the build itself reports it
        result = ("error", BuildError(f"{exc.strerror or exc}: {exc.filename or ''}".strip()))
    except Exception as exc:  # a bug: its traceback, then the build fails with its message
        traceback.print_exc()
        result = ("error", BuildError(f"{type(exc).__name__}: {exc} (in a build worker; its traceback is above)"))
    conn.send(result)
    conn.close()
