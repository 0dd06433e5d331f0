"""ff's settings as ``ff config show`` prints them."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from ff.terminal.console import err, out, plain


def settings(rows: Sequence[tuple[str, str | None, str]], file: str) -> None:
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("Setting", "Value", "From"):
        table.add_column(column)
    for key, value, source in rows:
        table.add_row(key, plain(value or "-"), source)
    out().print(table)
    err().print(plain(f"Config file: {file}"), soft_wrap=True)
