"""Password hashing with argon2id, the password rule, and API/session token hashing with SHA-256.

The rule (NIST SP 800-63B §5.1.1.2: length and a check against commonly used and compromised passwords,
no composition rules): at least 10 characters, at most 1024, and a zxcvbn score of at least 3 (zxcvbn, MIT
licence, https://github.com/dwolfhub/zxcvbn-python, ships the 30,000 most common passwords from leaked sets,
English words, names, keyboard patterns, dates and repeats, and estimates the guesses an attacker needs: score
3 means about 10^8 guesses or more). The username and the desk's own words count as known to the attacker.
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()  # argon2id with the library's RFC 9106 low-memory profile
_DUMMY_HASH = _HASHER.hash("sanctuary-timing-equaliser")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
MIN_SCORE = 3
DESK_WORDS = ("sanctuary", "desk", "clerk", "supervisor", "counsel", "auditor", "admin", "password")
TOKEN_PREFIX = "sct_"


def password_problem(password: str, username: str = "") -> str | None:
    """Why ``password`` is refused, or None. The message never repeats the password."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"must be at least {MIN_PASSWORD_LENGTH} characters"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"must be at most {MAX_PASSWORD_LENGTH} characters"
    from zxcvbn import zxcvbn

    result = zxcvbn(password, user_inputs=[*DESK_WORDS, *([username] if username else [])])
    if int(result["score"]) >= MIN_SCORE:
        return None
    warning = str(result.get("feedback", {}).get("warning") or "").rstrip(".")
    hint = f" ({warning.lower()})" if warning else ""
    return ("too easy to guess" + hint + ": use a longer passphrase of several uncommon words; common passwords, "
            "names, dates, keyboard runs and the username are refused")


def hash_password(password: str, username: str = "") -> str:
    problem = password_problem(password, username)
    if problem:
        raise ValueError(f"password: {problem}")
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Constant-work check: a missing user still costs one argon2 verification."""
    try:
        return _HASHER.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
