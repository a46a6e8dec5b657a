"""How a subscribe request is answered: a sentence the page shows beside the button."""

from __future__ import annotations

from flask import Response, jsonify


def said(message: str, status: int = 200) -> Response:
    response = jsonify(message=message)
    response.status_code = status
    return response
