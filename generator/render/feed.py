"""The Atom feed of each language: one entry per edition of the data (written with feedgen)."""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from feedgen.feed import FeedGenerator

if TYPE_CHECKING:
    from generator.load.editions import Changes, EditionEntry, History
    from generator.load.locales import Locale
    from generator.model import Plan

FILE = "feed.xml"
# Entry and feed ids never change, whatever the site's address: they are name-based UUIDs.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:bj-istic-tracker")


def _day(date: str) -> datetime.datetime:
    return datetime.datetime.combine(datetime.date.fromisoformat(date), datetime.time(), datetime.UTC)


def summary(changes: Changes, locale: Locale) -> str:
    """One line counting what an edition changed: "Figures revised: 1; Figures added: 2"."""
    p = locale.p
    counts = [
        ("figures_revised", len(changes.revised)),
        ("figures_added", len(changes.added)),
        ("figures_removed", len(changes.removed)),
        ("rating_changes", len(changes.targets)),
        (
            "other_changes",
            len(changes.recited) + len(changes.relabelled) + len(changes.renamed) + len(changes.charts_added) + len(changes.charts_removed) + len(changes.passages),
        ),
    ]
    return p.items.join(f"{locale.label(key)}{p.colon}{n}" for key, n in counts if n)


def _entry_text(entry: EditionEntry, locale: Locale) -> str:
    note = locale.text(entry.note)
    if entry.first:
        snap = entry.snapshot
        counts = {"n_figures": str(len(snap["figures"])), "n_targets": str(len(snap["targets"])), "n_charts": str(len(snap["charts"]))}
        return note + locale.p.word_space + locale.label("first_edition", **counts)
    line = summary(entry.changes, locale)
    return note + (locale.p.word_space + line + locale.p.stop if line else "")


def atom(plan: Plan, locale: Locale, history: History, site_url: str) -> bytes:
    """The feed of one language; its links are absolute when the site's address is known, else relative to the feed."""
    home = site_url + locale.prefix if site_url else ""
    title = locale.text(plan.title)
    fg = FeedGenerator()
    fg.id(uuid.uuid5(NAMESPACE, f"feed/{locale.code}").urn)
    fg.title(locale.label("feed_title", title=title))
    fg.author({"name": title})
    fg.language(locale.data.html_lang)
    fg.link(href=f"{home}changes/", rel="alternate", type="text/html")
    fg.link(href=f"{home}{FILE}", rel="self", type="application/atom+xml")
    fg.updated(_day(history.editions[0].date))
    for entry in history.editions:  # newest first
        fe = fg.add_entry(order="append")
        fe.id(uuid.uuid5(NAMESPACE, f"edition/{entry.date}/{locale.code}").urn)
        fe.title(locale.label("edition", date=entry.date))
        fe.updated(_day(entry.date))
        fe.published(_day(entry.date))
        fe.link(href=f"{home}changes/#edition-{entry.date}", rel="alternate", type="text/html")
        fe.summary(_entry_text(entry, locale))
    return bytes(fg.atom_str(pretty=True))
