"""Folio's public pages: a read-only web site, one page per server that publishes one (``run_bot.py web``)."""
