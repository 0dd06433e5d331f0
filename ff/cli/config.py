"""``ff config``: show and set defaults."""

from __future__ import annotations

from typing import Any

import typer

from ff.cli.calls import print_json
from ff.cli.typer_app import COMMANDS, Group, app
from ff.config import KEYS

config_app = typer.Typer(
    cls=Group,
    help=COMMANDS["config"][1],
    no_args_is_help=True,
)
KEY_HELP = ", ".join(KEYS) + "."
app.add_typer(config_app, name="config")


@config_app.command("show")
def show_config(
    as_json: bool = typer.Option(False, "--json", help="Print the settings as JSON."),
) -> None:
    """Each setting, its value, and where the value comes from.

    \b
    Examples:
      ff config show
      ff config show --json
    """
    from ff import config
    from ff.paths import config_path
    from ff.terminal import settings_view

    settings, problem = config.all_settings()
    if as_json:
        print_json(
            {
                "config_file": str(config_path()),
                "settings": {s.key: {"value": s.value, "source": s.source} for s in settings},
                **({"problem": problem} if problem else {}),
            }
        )
    else:
        settings_view.settings([(s.key, s.value, s.source) for s in settings], str(config_path()))
    if problem:
        from ff.terminal import console

        console.note(f"The config file is damaged: {problem}")
        console.note(
            "The settings above are those ff could read. To repair it: "
            "ff config set KEY VALUE (or ff config unset KEY) keeps a copy "
            "of it and writes a new one."
        )
        raise typer.Exit(1)


@config_app.command("set")
def set_config(
    key: str = typer.Argument(..., help=KEY_HELP),
    value: str = typer.Argument(..., help="The new value."),
) -> None:
    """Store a default in the config file. Options and environment variables still win.

    \b
    Examples:
      ff config set team "Family support"
      ff config set plain yes
    """
    from ff import config
    from ff.terminal import console

    if key == "card" and value.strip():
        from ff.cards.loading import find_card

        find_card(value.strip())  # refuse a card that does not exist or cannot be read, now
    written = config.set_value(key, value)
    _repaired(written)
    console.note(f"Set {key} in {written.path}.")


@config_app.command("unset")
def unset_config(key: str = typer.Argument(..., help=KEY_HELP)) -> None:
    """Remove a default from the config file.

    \b
    Example:
      ff config unset team
    """
    from ff import config
    from ff.terminal import console

    written = config.unset_value(key)
    if written is None:
        console.note(f"{key} was not set in the config file: nothing to remove.")
    else:
        _repaired(written)
        console.note(f"Removed {key} from {written.path}.")


def _repaired(written: Any) -> None:
    """Say what was wrong with a damaged config file, and where its copy is."""
    from ff.terminal import console

    if written.problem:
        console.note(f"The config file was damaged: {written.problem}")
        console.note(
            f"It was rewritten with the settings ff could read; the old file is kept as "
            f"{written.kept}."
        )
