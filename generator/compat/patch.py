"""What a patch of another package's internals declares, and the check that applies it only where it was verified."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

LOG = logging.getLogger("generator.compat")
_WARNED: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Patch:
    """One change to another package's internals.

    ``library`` is the distribution's name as the project pins it, ``verified`` the versions the patch was checked
    against (by the tests that compare its output with the library's own), ``changes`` what it replaces, ``gain`` what
    it saves (measured), and ``upstream`` what the library itself could do instead (a fix to offer it), if anything.
    """

    library: str
    name: str
    verified: tuple[str, ...]
    changes: str
    gain: str
    upstream: str = ""

    def installed(self) -> str | None:
        """The installed version of the library, or None when it is not installed."""
        return installed_version(self.library)

    def applies(self) -> bool:
        """Whether the patch may be applied: the installed version is one it was verified against. Otherwise the
        library's own behaviour runs, and one warning line says so (once per process)."""
        installed = self.installed()
        if installed in self.verified:
            return True
        if (self.library, self.name) not in _WARNED:
            _WARNED.add((self.library, self.name))
            LOG.warning(
                "warning: %s %s is not a version the patch %r was verified against (%s): %s's own behaviour runs, which may be slower",
                self.library,
                installed or "(not installed)",
                self.name,
                ", ".join(self.verified),
                self.library,
            )
        return False


@functools.cache  # a process asks each build; the answer does not change while it runs
def installed_version(library: str) -> str | None:
    """The installed version of a distribution, or None when it is not installed."""
    # importlib.metadata (17 ms) is imported here, where a patch is applied (a build's worker), not by the command line,
    # which imports this module through the engines and whose rebuild with nothing changed must stay quick.
    import importlib.metadata

    try:
        return importlib.metadata.version(library)
    except importlib.metadata.PackageNotFoundError:
        return None
