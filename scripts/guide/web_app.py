"""The guide as an installable web app: its manifest, and where its service worker applies.

The manifest names the guide, its start page and its icons (made by scripts/tools/make_icons.py)
with URLs relative to itself, so it works under any site_url path. Its colours are the site's:
the darker teal of docs/stylesheets/extra.css and the light palette's white.

The service worker itself is written after the build by scripts/tools/make_sw.cjs. `mkdocs
serve` does not register it: a worker serves pages from its cache, so with live reload an
edited page would show its previous version.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TypeVar

MANIFEST = "manifest.webmanifest"
REGISTRATION = "javascripts/sw-register.js"
SHORT_NAME = "Back heat"
BACKGROUND = "#ffffff"
ICONS = "assets/icons"
# (file, size, purpose): "maskable" icons fill the shape a phone cuts (circle, squircle...).
ICON_FILES = [
    ("icon-192.png", 192, "any"),
    ("icon-512.png", 512, "any"),
    ("icon-maskable-512.png", 512, "maskable"),
]
_PRIMARY = re.compile(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{6})\s*;")
# The built service worker, and each entry of its precache list as Workbox writes it.
SERVICE_WORKER = "sw.js"
_PRECACHE_ENTRY = re.compile(r'\{url:"([^"]+)",revision:(?:"[0-9a-f]+"|null)\}')

T = TypeVar("T")


class WebAppError(ValueError):
    """The site's stylesheet does not give the colour the manifest needs."""


def theme_colour(css: str) -> str:
    """The primary colour the site's stylesheet sets (its header), e.g. '#00695c'."""
    match = _PRIMARY.search(css)
    if match is None:
        raise WebAppError("no '--md-primary-fg-color: #rrggbb;' in the site's stylesheet")
    return match[1].lower()


def manifest(name: str, description: str, theme: str) -> str:
    """The web app manifest as JSON; every URL is relative to the manifest, at the site root."""
    return json.dumps(
        {
            "name": name,
            "short_name": SHORT_NAME,
            "description": description.strip(),
            "lang": "en",
            "id": "./",
            "start_url": "./",
            "scope": "./",
            "display": "standalone",
            "theme_color": theme,
            "background_color": BACKGROUND,
            "icons": [
                {
                    "src": f"{ICONS}/{file}",
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": purpose,
                }
                for file, size, purpose in ICON_FILES
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def precached(service_worker: str) -> list[str]:
    """The URLs, relative to the site's root, that a built sw.js keeps for offline reading."""
    return _PRECACHE_ENTRY.findall(service_worker)


def registers_worker(scripts: Sequence[object]) -> bool:
    """Whether the site's pages register the service worker: only then is it an app."""
    return REGISTRATION in map(str, scripts)


def scripts_for(command: str, scripts: Sequence[T]) -> list[T]:
    """The pages' scripts for this MkDocs command: all but the registration under `serve`."""
    return [s for s in scripts if command != "serve" or str(s) != REGISTRATION]
