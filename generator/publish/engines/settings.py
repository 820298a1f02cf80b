"""Each language's site settings, the same for every engine (in MkDocs' vocabulary, without paths)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.render.markup import theme_text
from generator.render.site import navigation, site_pages

if TYPE_CHECKING:
    from generator.load.locales import Locale
    from generator.load.siteconfig import SiteConfig
    from generator.model import Plan


def site_settings(plan: Plan, config: SiteConfig, locale: Locale, locales: tuple[Locale, ...], feed: bool = False, preview: bool = False) -> dict[str, Any]:
    """One language's site settings in MkDocs' vocabulary, without paths: every engine starts from these.

    Theme templates do not escape: every string handed over is escaped here, as in the pages.
    The preview's footer names no content version: it would change with every save, and so
    every page, where a save should rebuild only the pages it touches.
    """
    colon = locale.p.colon
    version = locale.label("preview_version") if preview else plan.content_version
    settings: dict[str, Any] = {
        "site_name": theme_text(locale.text(plan.title)),
        "site_description": theme_text(locale.text(plan.subtitle)),
        "use_directory_urls": True,
        "theme": {"language": locale.data.engine.language, "palette": palette(locale)},
        "nav": navigation(site_pages(plan), plan, locale, theme_text),
        "search": list(locale.data.engine.search),
        "extra": {
            "alternate": [{"name": other.data.name, "link": _language_root(locale, other), "lang": other.code} for other in locales],
            "data_as_of": theme_text(f"{locale.label('data_as_of')}{colon}{plan.data_as_of}"),
            "content_version": theme_text(f"{locale.label('content_version')}{colon}{version}"),
            # Absolute addresses of every language's root, for <link rel="alternate" hreflang> (only with a site address).
            "hreflang": [{"href": config.site_url + other.prefix, "lang": other.data.html_lang} for other in locales] if config.site_url else [],
            "root_url": config.site_url,
            "og_locale": locale.data.html_lang.replace("-", "_"),
            # The Atom feed of new editions, announced in every page's head (only once an edition is published).
            "feed": {"href": "feed.xml", "title": theme_text(locale.label("feed_title", title=locale.text(plan.title)))} if feed else None,
        },
        "copyright": theme_text(config.copyright.get(locale.code, "")),
    }
    if config.site_url:
        settings["site_url"] = config.site_url + locale.prefix
    return settings


def _language_root(here: Locale, there: Locale) -> str:
    """Relative link from the root of one language's site to the root of another's."""
    return "./" if there == here else here.to_root() + there.prefix or "./"


# The colour schemes a reader can pick with the header's toggle; the first follows the system's setting (the default).
# Each toggle is named after what pressing it does. Charts follow the scheme (generator/charts/theme.py).
COLOURS = {"primary": "indigo", "accent": "indigo"}
SCHEMES = (
    ("(prefers-color-scheme)", None, "material/brightness-auto", "scheme_to_light"),
    ("(prefers-color-scheme: light)", "default", "material/brightness-7", "scheme_to_dark"),
    ("(prefers-color-scheme: dark)", "slate", "material/brightness-4", "scheme_to_system"),
)


def palette(locale: Locale) -> list[dict[str, Any]]:
    """The theme's palette: light, dark and follow-the-system, with the toggle's names in ``locale``'s words."""
    return [
        {"media": media, **({"scheme": scheme} if scheme else {}), **COLOURS, "toggle": {"icon": icon, "name": theme_text(locale.label(label))}}
        for media, scheme, icon, label in SCHEMES
    ]
