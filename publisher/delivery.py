"""How `serve` sends what it has: the CORS headers that let scripts of any origin read its answers.

The data is public and read-only, so every answer may be read by a script of any origin (no credentials are
involved), and a preflight gets the methods and headers a script may use.
"""

from __future__ import annotations

CORS = {"Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "Link, Content-Location, Vary, ETag, Content-Range, Accept-Ranges"}
PREFLIGHT = {"Access-Control-Allow-Origin": "*",
             "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
             "Access-Control-Allow-Headers": "Accept, Content-Type",
             "Access-Control-Max-Age": "86400",
             "Allow": "GET, HEAD, POST, OPTIONS"}
