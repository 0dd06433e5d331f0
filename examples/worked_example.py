"""The README's worked example, run for real: every command and what it printed.

    python examples/worked_example.py           # print the example's blocks
    python examples/worked_example.py --write   # put them into README.md
    python examples/worked_example.py --check   # exit 1 if README.md differs

Each command runs in a real pseudo-terminal 80 columns wide (pexpect, one of the
test dependencies: ``pip install -e ".[test]"``), in a home folder of its own, with
the clock (FF_NOW) and the owner (FF_OWNER) fixed for each step, so the output is
what Sam would see. Three things are put as a reader sees them: the temporary home
folder is shown as /home/sam, each idea's ref (random, from its id) as the ref the
README uses, and the spaces that pad some lines to the panel's width are dropped.
tests/test_worked_example.py runs this and checks that README.md shows exactly this
output, so the example cannot drift.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
HOME = "/home/sam"
# The refs the README shows, given in the order the ideas are checked.
SHOWN_REFS = ("a14f37", "548699")
ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
PROMPT = re.compile(r"> |short title: ")


@dataclass(frozen=True)
class Step:
    """One command as typed (``{0}``, ``{1}``: the refs of the first and second idea
    checked), when it runs, and what is typed at its prompts."""

    typed: str
    now: str
    replies: tuple[str, ...] = ()
    exit_status: bool = False  # followed by "$ echo $?" and the status


@dataclass(frozen=True)
class Block:
    """One ```text block of the README: its steps, and where it is cut short with
    "..." (after the first line holding ``until``), if it is."""

    steps: tuple[Step, ...]
    until: str | None = None
    texts: list[str] = field(default_factory=list)


CHECK_ANSWERS = 'ff check "Saturday drop-in for dads" --team "Family support" --answers ' + (
    "examples/answers.yaml"
)
LOG = """ff log {1} --criteria "at least 5 dads come to the first two Saturdays" \\
    --test "Two Saturday mornings at Abergavenny children's centre" \\
    --observed "2 dads came; both had been invited by their health visitor" \\
    --result failure --learned "Dads come when someone they know invites them" \\
    --decision adapt --next-step "Health visitors invite dads by name" \\
    --with families --with frontline-staff --hours 6 --cost 40 --date 17/11/2026"""

STORY = (
    Block(
        (
            Step(
                "ff check",
                "2026-11-02T09:00:00Z",
                # The title, then each question: 1 yes, 2 no; ? shows the help.
                ("Text reminders for appointments", "1", "?", "1", "2", "1", "1", "1", "1", "1"),
            ),
        ),
        until="say it is good for them?",
    ),
    Block((Step(CHECK_ANSWERS, "2026-11-02T09:30:00Z", exit_status=True),)),
    Block((Step("ff ideas", "2026-11-02T09:35:00Z"),)),
    Block(
        (
            Step(
                'ff check "Parent-led coffee morning" --answer legal=yes --answer harm=no',
                "2026-11-02T09:40:00Z",
                exit_status=True,
            ),
        )
    ),
    Block(
        (
            Step(
                'ff status {1} approved --by "Jo Evans, service manager" '
                '--note "Volunteers to be DBS checked"',
                "2026-11-05T14:00:00Z",
            ),
            Step(LOG, "2026-11-18T10:00:00Z"),
            Step('ff edit {0} --team "Family support"', "2026-11-18T10:05:00Z"),
            Step("ff ideas", "2026-11-18T10:10:00Z"),
        )
    ),
)


class Run:
    """The story's commands in one home folder, one after another."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.refs: list[str] = []  # the real refs, in the order the ideas were checked

    def env(self, now: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FF_", "XDG_"))}
        return {
            **env,
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "FF_NOW": now,
            "FF_OWNER": "sam",
            "NO_COLOR": "1",
            "TERM": "xterm",
            "COLUMNS": "80",
            "LINES": "24",
        }

    def typed(self, step: Step) -> str:
        """The command as the README shows it (with the README's refs)."""
        return step.typed.format(*SHOWN_REFS[: len(self.refs)])

    def run(self, step: Step) -> str:
        """Run the step; what the terminal showed, from the command line on."""
        import pexpect

        real = step.typed.format(*self.refs)
        words = shlex.split(real.replace("\\\n", " "))
        assert words[0] == "ff", real
        child = pexpect.spawn(
            sys.executable,
            ["-m", "ff", *words[1:]],
            env=self.env(step.now),
            cwd=str(REPO),
            encoding="utf-8",
            timeout=60,
            dimensions=(24, 80),
        )
        shown = ""
        for reply in step.replies:
            child.expect(PROMPT)
            shown += child.before + child.after
            child.sendline(reply)
        child.expect(pexpect.EOF)
        shown += child.before
        child.close()
        status = child.exitstatus
        self.refs += [r for r in re.findall(r"Recorded as (\w+) in", shown) if r not in self.refs]
        text = f"$ {self.typed(step)}\n{self.tidy(shown)}"
        return text + (f"$ echo $?\n{status}\n" if step.exit_status else "")

    def tidy(self, shown: str) -> str:
        """As a reader sees it: no escape codes, carriage returns or spaces at the ends
        of lines, /home/sam as the home folder, the README's refs for the ideas'."""
        text = ESCAPE.sub("", shown).replace("\r\n", "\n").replace("\r", "")
        text = re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)
        text = text.replace(str(self.home), HOME)
        for real, readme in zip(self.refs, SHOWN_REFS, strict=False):
            text = text.replace(real, readme)
        return text


def blocks() -> list[str]:
    """Each ```text block of the worked example, as the README shows it."""
    made: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ff-example-") as folder:
        run = Run(Path(folder) / "home")
        for block in STORY:
            text = "".join(run.run(step) for step in block.steps)
            if block.until is not None:
                lines = text.splitlines(keepends=True)
                cut = next(i for i, line in enumerate(lines) if block.until in line)
                text = "".join(lines[: cut + 1]) + "...\n"
            made.append(text)
    return made


def in_readme(block: str, readme: str) -> bool:
    return f"```text\n{block}```\n" in readme


def written(readme: str, made: list[str]) -> str:
    """README with each block put in place of the ```text block that starts with the
    same command line (to add a block, put its command line in such a block first)."""
    for block in made:
        first = block.splitlines()[0]
        start = readme.find(f"```text\n{first}\n")
        if start < 0:
            raise SystemExit(f"README.md has no ```text block starting with: {first}")
        end = readme.index("```\n", start + len("```text\n"))
        readme = readme[:start] + f"```text\n{block}```\n" + readme[end + len("```\n") :]
    return readme


def main(argv: list[str]) -> int:
    made = blocks()
    readme = README.read_text(encoding="utf-8")
    if "--write" in argv:
        README.write_text(written(readme, made), encoding="utf-8")
        return 0
    if "--check" in argv:
        stale = [block.splitlines()[0] for block in made if not in_readme(block, readme)]
        for first in stale:
            print(f"README.md does not show what this printed: {first}", file=sys.stderr)
        return 1 if stale else 0
    print("\n".join(f"```text\n{block}```" for block in made))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
