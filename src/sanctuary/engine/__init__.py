"""The decision engine: compiles the rule library and decides contract requests."""

from sanctuary.engine.decision import Decision
from sanctuary.engine.evaluate import Engine
from sanctuary.engine.request import Request, RequestError, parse_request

__all__ = ["Decision", "Engine", "Request", "RequestError", "parse_request"]
