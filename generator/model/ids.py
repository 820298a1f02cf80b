"""The stable names of figures, shared by the editions, the data files and the pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.model import Indicator, Observation


def figure_id(indicator: Indicator, obs: Observation) -> str:
    """The stable id of one figure: its indicator and its year (one figure per indicator and year)."""
    return f"{indicator.id}-{obs.year}"


def anchor(indicator_id: str) -> str:
    """The permalink anchor of a figure's card, the same in every language and edition."""
    return f"fig-{indicator_id}"
