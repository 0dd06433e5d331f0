"""JSON: the report as it is (keys documented in README.md, pinned by a test)."""

from __future__ import annotations

import json

from ff.exporters import Report


def export(report: Report) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
