"""Who signs checkpoints: the :class:`Signer` interface, and a signer that runs a command.

The log needs only two operations from its key, so the private key need not be on the database host:

- an Ed25519 key file (``cryptography``'s ``Ed25519PrivateKey`` is a :class:`Signer` as it is), at the path
  ``SANCTUARY_AUDIT_SIGNING_KEY`` (e.g. a volume only the desk's service account can read);
- :class:`CommandSigner` (``SANCTUARY_AUDIT_SIGN_COMMAND``): the checkpoint text goes to the command's
  standard input and the base64 Ed25519 signature comes back on its standard output. The command may be
  ``ssh signer@keyhost sanctuary audit sign --key /keys/audit.pem --state /keys/signed.json`` (the signing
  host refuses to sign a smaller or forked tree than the last one it signed), or a wrapper around an HSM
  tool (PKCS#11 ``pkcs11-tool --sign --mechanism EDDSA``). Every returned signature is checked against the
  configured public key before it is used;
- anything else with these two methods (e.g. a python-pkcs11 session object wrapped in a small class).
"""

from __future__ import annotations

import base64
import binascii
import shlex
import subprocess
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


class Signer(Protocol):
    def public_key(self) -> Ed25519PublicKey: ...

    def sign(self, data: bytes) -> bytes: ...


class SignerError(RuntimeError):
    pass


class CommandSigner:
    """Signs by running ``command`` (split like a shell would, not run through one)."""

    def __init__(self, command: str, public_key: Ed25519PublicKey, timeout: float = 20.0) -> None:
        self.argv = shlex.split(command)
        if not self.argv:
            raise ValueError("the sign command is empty")
        self._public = public_key
        self._timeout = timeout

    def public_key(self) -> Ed25519PublicKey:
        return self._public

    def sign(self, data: bytes) -> bytes:
        try:
            done = subprocess.run(self.argv, input=data, capture_output=True, timeout=self._timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SignerError(f"the sign command {self.argv[0]!r} did not run: {exc}") from exc
        if done.returncode != 0:
            message = done.stderr.decode(errors="replace").strip()[-300:]
            raise SignerError(f"the sign command refused (exit {done.returncode}): {message}")
        try:
            signature = base64.b64decode(done.stdout.strip(), validate=True)
            self._public.verify(signature, data)
        except (binascii.Error, ValueError, InvalidSignature) as exc:
            raise SignerError("the sign command returned no valid signature for the configured public key") from exc
        return signature
