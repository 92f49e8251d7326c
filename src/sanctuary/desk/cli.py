"""``sanctuary serve``, ``users create``, ``tokens create`` (``sanctuary db`` lives in ``sanctuary.db.cli``)."""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import typer
from sqlalchemy import func, select

from sanctuary import keystore
from sanctuary.db.migrate import upgrade
from sanctuary.desk import accounts, intake_seal
from sanctuary.desk.context import DeskContext
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.models import ROLES, User
from sanctuary.settings import Settings

users_app = typer.Typer(help="Desk accounts.", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens.", no_args_is_help=True)

FIRST_ADMIN_HINT = (
    "No accounts yet. Create the first administrator with:\n"
    "  printf '%s\\n' 'a long passphrase' | sanctuary users create --username admin --role admin --password-stdin\n"
    "(use .venv/bin/sanctuary from a source checkout; set SANCTUARY_DATA_DIR as for `serve`)."
)


def _prepared() -> DeskContext:
    settings = Settings.from_env()
    upgrade(settings)
    return _build(settings)


def _build(settings: Settings) -> DeskContext:
    """The desk's context, or a clear refusal (exit 2) when a key is missing, exposed or wrong."""
    try:
        return DeskContext.build(settings)
    except keystore.KeyProblem as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from exc


@users_app.command("create")
def users_create(
    username: str = typer.Option(..., "--username", help="2–64 letters, digits, '.', '_' or '-'"),
    role: str = typer.Option(..., "--role", help=f"one of: {', '.join(ROLES)}"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="read the password from standard input"),
) -> None:
    """Create an account."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    ctx = _prepared()
    try:
        with ctx.sessions() as session:
            user = accounts.create_user(ctx, session, username, role, password)
            session.commit()
            typer.echo(f"created {user.username} ({user.role})")
    except DeskInputError as exc:
        typer.echo(f"error: {exc.field}: {exc.message}", err=True)
        raise typer.Exit(code=2) from exc
    finally:
        ctx.close()


@users_app.command("list")
def users_list() -> None:
    """List accounts."""
    ctx = _prepared()
    try:
        with ctx.sessions() as session:
            for user in session.scalars(select(User).order_by(User.username)):
                typer.echo(f"{user.username}\t{user.role}\t{'active' if user.active else 'disabled'}")
    finally:
        ctx.close()


@tokens_app.command("create")
def tokens_create(
    username: str = typer.Option(..., "--username"),
    name: str = typer.Option("", "--name", help="what will use the token (shown in the token list)"),
    days: int | None = typer.Option(None, "--days", help="expires after this many days (default "
                                    "$SANCTUARY_TOKEN_DAYS or 90; at most 366)"),
) -> None:
    """Create an API token for a user; the token is printed once, on the last line."""
    ctx = _prepared()
    try:
        with ctx.sessions() as session:
            user = accounts.user_by_name(session, username)
            if user is None or not user.active:
                typer.echo(f"error: username: no active user {username!r}", err=True)
                raise typer.Exit(code=2)
            try:
                token = accounts.create_token(ctx, session, user, name=name or "console", days=days)
            except DeskInputError as exc:
                typer.echo(f"error: {exc.field}: {exc.message}", err=True)
                raise typer.Exit(code=2) from exc
            session.commit()
    finally:
        ctx.close()
    typer.echo(f"API token for {user.username} ({user.role}); it is shown only once:")
    typer.echo(token)


def serve(
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    workers: int = typer.Option(1, "--workers", min=1, max=16,
                                help="worker processes (PostgreSQL only; on SQLite one worker writes for all)"),
) -> None:
    """Run the request desk (migrates the database first)."""
    import uvicorn

    from sanctuary.web.app import create_app, settle_heap

    settings = Settings.from_env()
    if workers > 1 and settings.is_sqlite:
        # Several processes writing one SQLite file take turns at its single write lock, each waiting on the
        # others' fsyncs: four times slower than one worker (benchmarks/README.md). One process already
        # batches concurrent writes (group commit); more processes need PostgreSQL.
        typer.echo(f"error: --workers {workers} needs PostgreSQL (SANCTUARY_DATABASE_URL=postgresql+psycopg://...). "
                   "On SQLite every write goes through one writer: run one worker (the default), which groups "
                   "concurrent writes into shared commits.", err=True)
        raise typer.Exit(2)
    applied = upgrade(settings)
    if applied:
        typer.echo(f"database migrated: {', '.join(applied)}")
    ctx = _build(settings)
    sealed = intake_seal.seal_legacy(ctx.sessions, ctx.cipher)
    if sealed:
        typer.echo(f"sealed the person reference and stated purpose of {sealed} earlier requests")
    with ctx.sessions() as session:
        count = session.scalar(select(func.count()).select_from(User)) or 0
    if count == 0:
        typer.echo(FIRST_ADMIN_HINT)
    typer.echo(f"data directory: {settings.data_dir}")
    typer.echo(f"request desk on http://{host}:{port}/  (API docs at /docs)")
    # No access log: client addresses and URLs are never written to logs.
    # No proxy headers at uvicorn's level (it would believe X-Forwarded-For from 127.0.0.1 by default): the
    # app believes them only from SANCTUARY_TRUSTED_PROXIES (sanctuary.web.client).
    # httptools (the C HTTP parser) and uvloop (libuv's event loop), uvicorn[standard]'s fast pieces.
    options: dict[str, Any] = {"host": host, "port": port, "access_log": False, "log_level": "warning",
                               "server_header": False, "proxy_headers": False, "http": "httptools",
                               "loop": "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"}
    if workers > 1:  # PostgreSQL (refused on SQLite above)
        ctx.close()
        uvicorn.run("sanctuary.web.app:app_from_env", factory=True, workers=workers, **options)
        return
    app = create_app(settings, ctx)
    settle_heap()
    uvicorn.run(app, **options)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")
