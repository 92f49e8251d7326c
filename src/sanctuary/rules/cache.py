"""A cache of the parsed rule files, keyed by the library's digest, so a command does not parse YAML each run.

What is cached is the output of the YAML step only (each file's plain data and its line map); validation,
cross-checks and compilation still run on every load, so a cached library is checked exactly like a parsed
one. The file is MessagePack written by this module (``msgspec``): decoding it builds plain data and never
runs code (no pickle). Dates and date-times, which YAML makes and MessagePack has no exact type for, are
tagged extension values; a file holding any other type (a ``!!set``, a huge integer) is simply not cached.

Where: ``$SANCTUARY_CACHE_DIR``, else ``$SANCTUARY_DATA_DIR/cache``, else ``$XDG_CACHE_HOME/sanctuary``
(``~/.cache/sanctuary``); ``SANCTUARY_NO_CACHE=1`` turns it off. The directory is created private (0700).
The file name carries a hash of the library's directory and the digest of every file's name and content;
the digest is stored inside too and checked on reading. Any change to any rule file changes the digest, so
the entry is no longer found (and is replaced); an unreadable, foreign or corrupt entry is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec

FORMAT = 1
_DATE, _DATETIME = 1, 2
LinePath = tuple[str | int, ...]
Parsed = dict[str, tuple[Any, dict[LinePath, int]]]


class _Uncacheable(Exception):
    pass


def cache_dir(env: dict[str, str] | None = None) -> Path | None:
    env = dict(os.environ) if env is None else env
    if env.get("SANCTUARY_NO_CACHE", "") not in ("", "0"):
        return None
    if env.get("SANCTUARY_CACHE_DIR"):
        return Path(env["SANCTUARY_CACHE_DIR"])
    if env.get("SANCTUARY_DATA_DIR"):
        return Path(env["SANCTUARY_DATA_DIR"]) / "cache"
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sanctuary"


def _prefix(root: Path) -> str:
    return "rules-" + hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16] + "-"


def _path(root: Path, digest: str) -> Path | None:
    where = cache_dir()
    return None if where is None else where / f"{_prefix(root)}{digest}.msgpack"


def _pack(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        return {_pack(k): _pack(v) for k, v in value.items()}
    if kind is list:
        return [_pack(v) for v in value]
    if kind in (str, int, float, bool) or value is None:
        if kind is int and not -(2**63) <= value < 2**64:
            raise _Uncacheable
        return value
    if kind is datetime:
        return msgspec.msgpack.Ext(_DATETIME, value.isoformat().encode())
    if kind is date:
        return msgspec.msgpack.Ext(_DATE, value.isoformat().encode())
    raise _Uncacheable


def _ext(code: int, data: memoryview) -> Any:
    text = bytes(data).decode()
    if code == _DATE:
        return date.fromisoformat(text)
    if code == _DATETIME:
        return datetime.fromisoformat(text)
    raise ValueError(f"unknown extension {code}")


def read(root: Path, digest: str) -> Parsed | None:
    """The parsed files of the library at ``root`` whose digest is ``digest``, or None."""
    path = _path(root, digest)
    if path is None:
        return None
    try:
        blob = path.read_bytes()
        stored = msgspec.msgpack.decode(blob, ext_hook=_ext)
        if stored["format"] != FORMAT or stored["digest"] != digest:
            return None
        return {name: (data, dict(zip(map(tuple, paths), lines, strict=True)))
                for name, (data, paths, lines) in stored["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, msgspec.DecodeError):
        return None


def write(root: Path, digest: str, parsed: Parsed) -> None:
    """Store ``parsed`` for ``(root, digest)``, replacing this library's older entries. Never raises."""
    path = _path(root, digest)
    if path is None:
        return
    try:
        files = {name: [_pack(data), [list(p) for p in lines], list(lines.values())]
                 for name, (data, lines) in parsed.items()}
        blob = msgspec.msgpack.encode({"format": FORMAT, "digest": digest, "files": files})
    except (_Uncacheable, TypeError, OverflowError):
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rules-", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(blob)
        os.replace(tmp, path)
        for old in path.parent.glob(_prefix(root) + "*.msgpack"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)
