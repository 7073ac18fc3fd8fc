"""``clashwatch serve``: the HTTP API (``api.py``) and the dashboard's static pages (``static/``)."""
