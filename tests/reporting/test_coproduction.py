"""Who took part: the co-production figure counts only the people who use the service
(families, children, young people, residents...), not staff or partners; spellings
of one group are one group; a council adds its own words with the service_users
setting. Checked against a journal made through the CLI and counted by hand.

The journal (one idea, "Youth club at the library", checked 2 Mar 2026):

#1  3 Mar  --with "Young People"                      service users
#2  4 Mar  --with young_people --with families        service users
#3  5 Mar  --with frontline-staff                     staff only
#4  6 Mar  --with partners --with "Frontline Staff"   staff and partners only
#5  7 Mar  --with pupils                              service users (ff's own word)
#6  8 Mar  --with dads                                service users (ff's own word)
#7  9 Mar  --with volunteers                          others only, unless the council says
#8 10 Mar  (nobody recorded)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from ff.reporting.people import coproduction, group_key, service_user_keys
from tests.conftest import ALL_CLEAR, answer_options

Run = Callable[..., Result]
NOW = "2026-04-01T12:00:00Z"
WHO = [
    ["Young People"],
    ["young_people", "families"],
    ["frontline-staff"],
    ["partners", "Frontline Staff"],
    ["pupils"],
    ["dads"],
    ["volunteers"],
    [],
]


@pytest.fixture
def youth_club(ff: Run, journal: Path) -> Path:
    done = ff(
        "check",
        "Youth club at the library",
        "--json",
        *answer_options(ALL_CLEAR),
        env={"FF_NOW": "2026-03-02T12:00:00Z"},
    )
    assert done.exit_code == 0, done.stderr
    ref = json.loads(done.stdout)["idea"]["ref"]
    for day, people in enumerate(WHO, 3):
        options = [f"--with={who}" for who in people]
        logged = ff(
            "log",
            ref,
            "--test=Open on a Friday",
            "--result=partial",
            "--learned=Something",
            f"--date=2026-03-{day:02}",
            *options,
            env={"FF_NOW": NOW},
        )
        assert logged.exit_code == 0, logged.stderr
    return journal


def figures(ff: Run, env: dict[str, str] | None = None) -> dict[str, Any]:
    done = ff("summary", "--json", env={"FF_NOW": NOW, **(env or {})})
    assert done.exit_code == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)["coproduction"]
    return found


def test_only_the_people_who_use_the_service_count(ff: Run, youth_club: Path) -> None:
    assert figures(ff) == {
        "iterations_with_people": 7,  # every one but #8
        "share": 0.875,  # 7 / 8
        "by_group": {
            "families": 1,  # #2
            "young-people": 2,  # #1 and #2, however spelt, in ff's own spelling
            "frontline-staff": 2,  # #3 and #4
            "partners": 1,  # #4
            "dads": 1,  # #6; the rest in alphabetical order
            "pupils": 1,  # #5
            "volunteers": 1,  # #7
        },
        "iterations_with_service_users": 4,  # #1, #2, #5, #6
        "service_users_share": 0.5,  # 4 / 8
        "iterations_with_others_only": 3,  # #3, #4, #7
        "others_only_share": 0.375,
        "service_user_groups": ["families", "young-people", "dads", "pupils"],
    }
    out = ff("summary", env={"FF_NOW": NOW}).stdout
    assert re.search(r"^Iterations with the people who use the service +4 of 8 \(50%\)$", out, re.M)
    assert re.search(r"^Iterations with only staff, partners or others +3 of 8 \(38%\)$", out, re.M)
    said = " ".join(out.split())
    assert (
        "Counted as the people who use the service: families, young-people, dads, pupils." in said
    )
    assert "Not counted: frontline-staff, partners, volunteers." in said
    assert "ff config set service_users" in said


def test_a_council_counts_its_own_words_through_the_setting(ff: Run, youth_club: Path) -> None:
    done = ff("config", "set", "service_users", "Volunteers; peer mentors")
    assert done.exit_code == 0, done.stderr
    counted = figures(ff)
    assert (counted["iterations_with_service_users"], counted["service_users_share"]) == (5, 0.625)
    assert (counted["iterations_with_others_only"], counted["others_only_share"]) == (2, 0.25)
    assert counted["service_user_groups"] == [
        "families",
        "young-people",
        "dads",
        "pupils",
        "volunteers",
    ]
    assert counted["iterations_with_people"] == 7, "the first keys keep their meaning"
    shown = ff("config", "show", "--json")
    settings = json.loads(shown.stdout)["settings"]
    assert settings["service_users"]["value"] == "Volunteers; peer mentors"
    # The environment variable wins over the config file, as for every setting.
    by_env = figures(ff, {"FF_SERVICE_USERS": "frontline staff, partners"})
    assert by_env["iterations_with_service_users"] == 6  # #3 and #4 now count; #7 does not
    assert by_env["iterations_with_others_only"] == 1


def test_the_figure_is_the_same_in_every_export(ff: Run, youth_club: Path) -> None:
    exported = ff("export", "-f", "json", env={"FF_NOW": NOW})
    assert json.loads(exported.stdout)["summary"]["coproduction"] == figures(ff)
    md = ff("export", "-f", "md", env={"FF_NOW": NOW}).stdout
    assert "| Iterations with the people who use the service | 4 of 8 (50%) |" in md
    assert "| Iterations with only staff, partners or others | 3 of 8 (38%) |" in md
    page = ff("export", "-f", "html", env={"FF_NOW": NOW}).stdout
    assert (
        '<th scope="row">Iterations with the people who use the service</th>'
        '<td class="n">4 of 8 (50%)</td>'
    ) in page


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (
            ("young-people", "Young People", "young_people", " young  people ", "YOUNG-PEOPLE"),
            "young people",
        ),
        (("frontline-staff", "Frontline Staff", "frontline_staff"), "frontline staff"),
    ],
)
def test_spellings_of_a_group_are_one_group(spellings: tuple[str, ...], key: str) -> None:
    assert {group_key(s) for s in spellings} == {key}
    counted = coproduction([{"with": [s]} for s in spellings], service_user_keys())
    assert list(counted["by_group"].values()).count(len(spellings)) == 1


def test_staff_partners_and_volunteers_are_not_the_people_who_use_the_service() -> None:
    users = service_user_keys()
    for staff in (
        "frontline-staff",
        "staff",
        "partners",
        "volunteers",
        "managers",
        "health visitors",
    ):
        assert group_key(staff) not in users, staff
    for person in ("families", "children", "young people", "residents", "parents", "carers"):
        assert group_key(person) in users, person
    assert group_key("people who use the service") in users


def test_a_config_file_that_cannot_be_read_does_not_stop_the_summary(
    ff: Run, youth_club: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.ini"
    broken.write_text("[ff\nservice_users = volunteers\n", encoding="utf-8")
    monkeypatch.setenv("FF_CONFIG", str(broken))
    done = ff("summary", "--json", "--journal", str(youth_club), env={"FF_NOW": NOW})
    assert done.exit_code == 0, done.stderr
    assert "the config file is not valid" in done.stderr
    assert "Counting only ff's own words" in done.stderr
    assert json.loads(done.stdout)["coproduction"]["iterations_with_service_users"] == 4
