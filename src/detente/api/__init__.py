"""The HTTP API and web UI over the store (``create_app``; ``detente serve`` runs it)."""

from detente.api.app import create_app, serve

__all__ = ["create_app", "serve"]
