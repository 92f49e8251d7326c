"""The desk's web application: API under /api/v1 and server-rendered pages."""

from sanctuary.web.app import create_app

__all__ = ["create_app"]
