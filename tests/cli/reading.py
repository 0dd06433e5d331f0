"""What the journal commands say about it, read back as JSON (``ff`` is the
in-process runner fixture from conftest)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from typer.testing import Result

Run = Callable[..., Result]


def shown(ff: Run, ref: str) -> dict[str, Any]:
    """``ff show REF --json``."""
    result = ff("show", ref, "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def titles(ff: Run, *filters: str) -> list[str]:
    """The titles ``ff ideas --json FILTERS`` lists, in its order."""
    result = ff("ideas", "--json", *filters)
    assert result.exit_code == 0, result.stderr
    return [idea["title"] for idea in json.loads(result.stdout)]
