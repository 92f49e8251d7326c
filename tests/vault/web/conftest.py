"""The desk's fixtures (app, accounts of every role) for the vault's and the form check's pages and API."""

from tests.desk.conftest import backend, client, ctx, make_account, settings, users

__all__ = ["backend", "client", "ctx", "make_account", "settings", "users"]
