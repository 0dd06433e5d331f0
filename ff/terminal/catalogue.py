"""ff's own words shown during ``ff check`` (the prompts, the decision's headings, what
was recorded and what to type next, leaving with Ctrl-C), in each language a card can
be asked in. The English text is the key; a text with no translation is shown in English.

The Welsh is ff's own translation, awaiting review by a fluent Welsh speaker, as
the default card's Welsh is (``REVIEW``). Welsh mutates a word after some others:
the kinds of number ("rif", not "rhif") follow "Teipiwch", as they are shown."""

from __future__ import annotations

from collections.abc import Callable

from ff.text import LANGUAGE_NAMES

Say = Callable[..., str]

REVIEW = {"cy": "awaiting-review"}

WELSH = {
    # The prompts
    "What is your idea? Give it a short title: ": "Beth yw eich syniad? Rhowch deitl byr iddo: ",
    "Question {number} of up to {most}": "Cwestiwn {number} o hyd at {most}",
    "Type {keys}, ? for help, b to go back.": "Teipiwch {keys}, ? am gymorth, b i fynd yn ôl.",
    "Type {keys}, b to go back.": "Teipiwch {keys}, b i fynd yn ôl.",
    "Help: ": "Cymorth: ",
    "No help for this one.": "Does dim cymorth ar gyfer y cwestiwn hwn.",
    "This is the first question: there is nothing to go back to.": (
        "Dyma'r cwestiwn cyntaf: does dim byd i fynd yn ôl ato."
    ),
    "Please type {wanted}, ? for help, or b to go back.": (
        "Teipiwch {wanted}, ? am gymorth, neu b i fynd yn ôl."
    ),
    "Please type {wanted} or b to go back.": "Teipiwch {wanted} neu b i fynd yn ôl.",
    "a number from 1 to {count}": "rif o 1 i {count}",
    "a whole number": "rif cyfan",
    "a number": "rif",
    " from {low} to {high}": " o {low} i {high}",
    " of at least {low}": " o {low} o leiaf",
    " of at most {high}": " o {high} ar y mwyaf",
    # The decision
    "Decision: ": "Penderfyniad: ",
    "Idea: ": "Syniad: ",
    "(no title)": "(dim teitl)",
    "ref {ref}": "cyfeirnod {ref}",
    "Level: ": "Lefel: ",
    "Why": "Pam",
    "What to do: ": "Beth i'w wneud: ",
    "Next steps": "Camau nesaf",
    "Your answers": "Eich atebion",
    "GO": "EWCH",
    "CAUTION": "GOFAL",
    "APPROVAL": "CYMERADWYAETH",
    "STOP": "STOPIWCH",
    "you may go ahead; no approval needed": "cewch fwrw ymlaen; does dim angen cymeradwyaeth",
    "you may go ahead; tell your manager, and meet the conditions below": (
        "cewch fwrw ymlaen; dywedwch wrth eich rheolwr, a bodlonwch yr amodau isod"
    ),
    "talk to your manager before you start": "siaradwch â'ch rheolwr cyn i chi ddechrau",
    "do not go ahead as it stands": "peidiwch â bwrw ymlaen fel y mae",
    # After the decision, and on leaving
    "Started a new journal at {journal}": "Dechreuwyd dyddlyfr newydd yn {journal}",
    "Recorded as {ref} in {journal}": "Cofnodwyd fel {ref} yn {journal}",
    "When your manager agrees, record it: ff status {ref} approved --by NAME": (
        "Pan fydd eich rheolwr yn cytuno, cofnodwch hynny: ff status {ref} approved --by ENW"
    ),
    "Each time you try it, record what happened: ff log {ref}": (
        "Bob tro y rhowch gynnig arni, cofnodwch beth ddigwyddodd: ff log {ref}"
    ),
    "Cancelled: nothing was recorded.": "Wedi'i ganslo: ni chofnodwyd dim.",
    "Input ended: nothing was recorded.": "Daeth y mewnbwn i ben: ni chofnodwyd dim.",
}

CATALOGUE = {"cy": WELSH}


def words(language: str | None) -> Say:
    """``say(text, **values)``: ff's text in ``language`` (English where it has none),
    with the values put in."""
    table = CATALOGUE.get(language or "", {})

    def say(text: str, **values: object) -> str:
        chosen = table.get(text, text)
        return chosen.format(**values) if values else chosen

    return say


def review_notes(language: str | None) -> list[str]:
    """What to tell people, once, about ff's own words in ``language``."""
    if REVIEW.get(language or "") != "awaiting-review":
        return []
    name = LANGUAGE_NAMES.get(language or "", language)
    return [
        f"ff's own {name} words (the prompts and headings) are ff's translation, "
        "awaiting review by a fluent speaker."
    ]
