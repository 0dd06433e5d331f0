"""Decision levels, from best to worst."""

LEVELS = ("go", "caution", "approval", "stop")


def level_rank(level: str) -> int:
    """go < caution < approval < stop."""
    return LEVELS.index(level)
