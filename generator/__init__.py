"""Static report-site generator for the Beijing International Science and
Technology Innovation Center plan tracker."""

from __future__ import annotations

__version__ = "0.1.0"
