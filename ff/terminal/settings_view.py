"""ff's settings as ``ff config show`` prints them."""

from __future__ import annotations

from collections.abc import Sequence

from ff.terminal import console

HEADER = ("Setting", "Value", "From")


def settings(rows: Sequence[tuple[str, str | None, str]], file: str) -> None:
    if console.plain_out():
        shown = [[key, console.safe(value or "-"), source] for key, value, source in rows]
        console.write_out("\n".join(console.columns([list(HEADER), *shown])) + "\n")
    else:
        from rich.table import Table

        table = Table(box=None, header_style="bold", pad_edge=False)
        for column in HEADER:
            table.add_column(column)
        for key, value, source in rows:
            table.add_row(key, console.plain(value or "-"), source)
        console.out().print(table)
    console.note(f"Config file: {file}")
