"""Thin routers: they read the request, call the injected Screener, and render."""
