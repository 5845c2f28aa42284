"""How this project launches Chromium: Debian's build, headless, on a closed network."""

from __future__ import annotations

import os

# Playwright's own browser download cannot work without internet; use Debian's chromium
# unless CHROMIUM names another build.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the networking flags Chromium keeps trying to reach Google's services and floods a
# closed network with refused connections; --no-sandbox is needed when running as root.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
