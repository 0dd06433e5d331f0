"""msgspec (ff's JSON decoder and encoder), imported without typing_extensions where
the standard library has all msgspec needs.

msgspec looks types up with typing_extensions when it is installed, and Typer installs
it; importing it brings ``inspect`` (and ``ast``, ``dis``, ``tokenize``). From Python
3.11 ``typing`` has all that ff's records use (``NotRequired`` among them), and msgspec
falls back to it when typing_extensions cannot be imported. Measured on the 2-core
benchmark machine (medians of 21): ``python -c "import msgspec.json"`` 32.2 ms, and
25.2 ms with typing_extensions hidden so; ``python -c pass`` 8.6 ms.

Every ff module imports msgspec from here (``from ff.decoder import msgspec``). If
typing_extensions or msgspec is already imported (Typer's commands, a notebook), this
changes nothing. Otherwise msgspec reads types with ``typing``'s own functions for the
rest of the process: a script whose own msgspec types need typing_extensions (its
``ReadOnly``, say) imports typing_extensions or msgspec before ff."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11) and not {"msgspec", "typing_extensions"} & set(sys.modules):
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]  # (cannot be imported)
    try:
        import msgspec
        import msgspec.json
    finally:
        del sys.modules["typing_extensions"]  # (later imports find it as usual)
else:
    import msgspec
    import msgspec.json

__all__ = ["msgspec"]
