"""Guides → sections → chunks → Chroma. Importing ``advisor`` first keeps everything offline."""

import advisor  # noqa: F401  (sets the offline environment before any model library loads)
