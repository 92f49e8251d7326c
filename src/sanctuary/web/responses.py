"""Response classes for the API's hot paths."""

from __future__ import annotations

from typing import Any

import msgspec
from fastapi.responses import JSONResponse


class CompactJSONResponse(JSONResponse):
    """The JSON :class:`JSONResponse` sends (compact, UTF-8), encoded by msgspec: a decision is a few
    kilobytes of nested lists and dicts, which ``json.dumps`` takes several times longer to write."""

    def render(self, content: Any) -> bytes:
        return msgspec.json.encode(content)
