"""Decision levels, from best to worst, and the one wording of each that people read."""

LEVELS = ("go", "caution", "approval", "stop")

# What each level is called wherever a person reads it (exports, summaries, cards
# show): the titles of the default card's outcomes. Mid-sentence: ``level_words``.
LEVEL_TITLES = {
    "go": "Go ahead",
    "caution": "Go ahead, with conditions",
    "approval": "Talk to your manager first",
    "stop": "Stop",
}

# What each level means for the person who asked, under a decision.
LEVEL_MEANINGS = {
    "go": "you may go ahead; no approval needed",
    "caution": "you may go ahead; tell your manager, and meet the conditions below",
    "approval": "talk to your manager before you start",
    "stop": "do not go ahead as it stands",
}


def level_rank(level: str) -> int:
    """go < caution < approval < stop."""
    return LEVELS.index(level)


def level_title(level: object) -> str:
    """A level as a title ("Go ahead, with conditions"); an unknown one as it is."""
    return LEVEL_TITLES.get(str(level), str(level))


def level_words(level: object) -> str:
    """A level mid-sentence ("go ahead, with conditions"); an unknown one as it is."""
    title = LEVEL_TITLES.get(str(level))
    return title[0].lower() + title[1:] if title else str(level)
