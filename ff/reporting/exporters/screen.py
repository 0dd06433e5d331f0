"""An export made safe to show in a terminal: control characters and bidirectional
overrides from user text shown as visible stand-ins, never acted on (an escape
sequence in a learning must not write to the clipboard or recolour the screen).
Only for a terminal: a file, or output piped to one, keeps the text exactly."""

from __future__ import annotations

import re

# C0 controls but tab and line feed; a carriage return not ending a line (CSV ends
# its lines with CR LF); DEL and the C1 controls; the bidirectional embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder what follows.
_UNSAFE = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␇ for BEL
    return "\u2421" if code == 0x7F else REPLACEMENT


def for_terminal(text: str) -> str:
    """The text with every control and bidi-override character made visible and inert."""
    return _UNSAFE.sub(_stand_in, text)
