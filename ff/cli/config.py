"""``ff config``: show and set defaults."""

from __future__ import annotations

import typer

from ff.cli.app import Group, app, print_json

config_app = typer.Typer(
    cls=Group,
    help="Show or change ff's defaults (owner, team, card, journal, lang, cards_dir, plain).",
    no_args_is_help=True,
)
KEY_HELP = "owner, team, card, journal, lang, cards_dir or plain."
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

    settings = config.all_settings()
    if as_json:
        print_json(
            {
                "config_file": str(config_path()),
                "settings": {s.key: {"value": s.value, "source": s.source} for s in settings},
            }
        )
        return
    settings_view.settings([(s.key, s.value, s.source) for s in settings], str(config_path()))


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
    path = config.set_value(key, value)
    console.note(f"Set {key} in {path}.")


@config_app.command("unset")
def unset_config(key: str = typer.Argument(..., help=KEY_HELP)) -> None:
    """Remove a default from the config file.

    \b
    Example:
      ff config unset team
    """
    from ff import config
    from ff.terminal import console

    path = config.unset_value(key)
    if path is None:
        console.note(f"{key} was not set in the config file: nothing to remove.")
    else:
        console.note(f"Removed {key} from {path}.")
