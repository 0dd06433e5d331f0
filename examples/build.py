"""Rebuild the example journals and their exported summaries.

    python examples/build.py

Writes examples/teams/family-support.json and examples/teams/early-years.json
(made with ff itself, with the clock set for each step), then
examples/summary.html and examples/summary.md from both. The ideas draw on two
published examples of prototyping with families: "Parents Supporting Parents"
(Reading: three levels of volunteer support; families reached doubled within six
months, at a 30 percent saving) and "Family by Family" (Australia: families who
came through tough times coached to support families who want change).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEAMS = HERE / "teams"
CLEAR = {
    "legal": "yes",
    "values": "yes",
    "harm": "no",
    "personal_data": "no",
    "budget": "yes",
    "reversible": "yes",
    "newspaper": "yes",
    "accountable": "yes",
}


def ff(*args: str, when: str, journal: Path, owner: str) -> str:
    env = {
        **os.environ,
        "FF_NOW": when,
        "FF_JOURNAL": str(journal),
        "FF_OWNER": owner,
        "NO_COLOR": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "ff", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE,
    )
    if done.returncode not in (0, 3):
        raise SystemExit(f"ff {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def check(title: str, team: str, when: str, journal: Path, owner: str, **answers: str) -> str:
    options = [
        part
        for key, value in {**CLEAR, **answers}.items()
        for part in ("--answer", f"{key}={value}")
    ]
    out = ff(
        "check", title, "--team", team, "--json", *options, when=when, journal=journal, owner=owner
    )
    return str(json.loads(out)["idea"]["ref"])


def log(ref: str, when: str, journal: Path, owner: str, **fields: str | list[str]) -> None:
    options: list[str] = []
    for key, value in fields.items():
        flag = "--" + key.replace("_", "-").removesuffix("-")
        for item in value if isinstance(value, list) else [value]:
            options += [flag, item]
    ff("log", ref, *options, "--force", when=when, journal=journal, owner=owner)


def family_support(journal: Path) -> None:
    owner = "Sam Price"
    psp = check(
        "Parents Supporting Parents: volunteer Meeter Greeters",
        "Family support",
        "2026-03-02T09:30:00Z",
        journal,
        owner,
        harm="unsure",
    )
    ff(
        "status",
        psp,
        "approved",
        "--by",
        "Jo Evans, service manager",
        "--note",
        "Volunteers to be DBS checked first",
        when="2026-03-04T11:00:00Z",
        journal=journal,
        owner=owner,
    )
    log(
        psp,
        "2026-03-17T16:00:00Z",
        journal,
        owner,
        date="2026-03-17",
        hypothesis="Parents who have been through services will welcome new families better "
        "than staff can",
        test="Two volunteer Meeter Greeters at the children's centre on Tuesday mornings",
        measure="Families coming to the first two sessions",
        criteria="At least 5 new families come",
        observed="2 families came. Both said the greeter who had been through it made the "
        "difference.",
        result="failure",
        learned="Families come when someone like them invites them, not when a poster does",
        decision="adapt",
        next_step="Greeters phone families referred by health visitors",
        with_=["families", "frontline-staff"],
        hours="6",
        cost="40",
    )
    log(
        psp,
        "2026-04-14T16:00:00Z",
        journal,
        owner,
        date="2026-04-14",
        test="Greeters phone referred families in the week before the session",
        criteria="At least 5 new families come",
        observed="11 new families came over 4 weeks",
        result="success",
        learned="A phone call from a parent more than doubled who came",
        decision="adapt",
        next_step="Add Buddies who go with a family to its first appointments",
        with_=["families"],
        hours="9",
    )
    log(
        psp,
        "2026-06-30T16:00:00Z",
        journal,
        owner,
        date="2026-06-30",
        test="Three levels of volunteer support: Meeter Greeter, Buddy, Mentor",
        measure="Families reached and cost per family against the old outreach service",
        observed="Families reached doubled in 6 months with a 30 percent saving",
        result="success",
        learned="Volunteers at three levels reach twice the families at "
        "lower cost, and some volunteers move into paid work",
        decision="adopt",
        next_step="Train 30 volunteers over two years",
        with_=["families", "partners"],
        hours="40",
        cost="1200",
    )
    ff(
        "status",
        psp,
        "adopted",
        "--note",
        "Becomes part of the family support offer",
        when="2026-07-06T10:00:00Z",
        journal=journal,
        owner=owner,
    )
    texts = check(
        "Text reminders for appointments",
        "Family support",
        "2026-05-05T10:00:00Z",
        journal,
        owner,
        personal_data="yes",
    )
    log(
        texts,
        "2026-05-26T15:00:00Z",
        journal,
        owner,
        date="2026-05-26",
        test="Text reminders the day before, for one month",
        criteria="Missed appointments fall by a third",
        observed="No change: most missed appointments were families without phone credit",
        result="inconclusive",
        learned="The problem was not forgetting: it was money and travel",
        decision="abandon",
        next_step="Ask families what gets in the way, before building anything",
        with_=["frontline-staff"],
        hours="5",
    )
    ff(
        "status",
        texts,
        "abandoned",
        "--note",
        "Wrong problem; see the learning",
        when="2026-06-01T09:00:00Z",
        journal=journal,
        owner=owner,
    )


def early_years(journal: Path) -> None:
    owner = "Rhian Morgan"
    fbf = check(
        "Family by Family coaching",
        "Early years",
        "2026-04-20T09:00:00Z",
        journal,
        owner,
        reversible="unsure",
    )
    log(
        fbf,
        "2026-05-18T15:00:00Z",
        journal,
        owner,
        date="2026-05-18",
        hypothesis="Families who came through tough times can coach families who want change",
        test="Two sharing families each coach one seeking family for six weeks",
        criteria="Both seeking families set and meet one goal",
        observed="One family met its goal; one stopped after two weeks",
        result="partial",
        learned="Matching on shared experience matters more than matching on where people live",
        decision="adapt",
        next_step="Let seeking families choose their coach",
        with_=["families", "young-people"],
        hours="12",
    )
    log(
        fbf,
        "2026-07-13T15:00:00Z",
        journal,
        owner,
        date="2026-07-13",
        test="Seeking families choose from three coach profiles",
        observed="All four pairs kept going; two goals met so far",
        result="success",
        learned="Choice builds trust from the first meeting",
        with_=["families"],
        hours="10",
        cost="150",
    )
    room = check(
        "Young people redesign the waiting room",
        "Early years",
        "2026-09-07T09:00:00Z",
        journal,
        owner,
    )
    log(
        room,
        "2026-10-05T14:00:00Z",
        journal,
        owner,
        date="2026-10-05",
        test="Young people's panel rearranges the room for a month",
        criteria="Families rate the room 4 out of 5 or better",
        observed="Ratings went from 2.1 to 3.4",
        result="partial",
        learned="Noise, not furniture, is what families mind most",
        decision="adapt",
        next_step="Try a quiet corner with the panel",
        with_=["young-people"],
        hours="8",
        cost="60",
    )


def main() -> None:
    TEAMS.mkdir(exist_ok=True)
    builds = {"family-support.json": family_support, "early-years.json": early_years}
    for name, build in builds.items():
        journal = TEAMS / name
        for stale in (journal, journal.with_name(name + ".lock")):
            stale.unlink(missing_ok=True)
        build(journal)
        journal.with_name(name + ".lock").unlink(missing_ok=True)
    for fmt, target in (("html", "summary.html"), ("md", "summary.md")):
        ff(
            "export",
            "--format",
            fmt,
            "--journal",
            "teams/*.json",
            "-o",
            target,
            "--force",
            when="2026-11-25T09:00:00Z",
            journal=TEAMS / "family-support.json",
            owner="lead",
        )
    print(f"Wrote {TEAMS}/*.json, {HERE / 'summary.html'} and {HERE / 'summary.md'}")


if __name__ == "__main__":
    main()
