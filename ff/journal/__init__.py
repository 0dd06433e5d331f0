"""The journal: what was checked, tried and learned, kept in a JSON file.

Its records and tables (``records``), the file's format (``fileformat``) and its
safe writing under a lock (``storage``, ``transaction``), reading ideas back
(``reading``, ``refs``), new ideas (``ideas``), iterations and status
(``iterations``, ``lifecycle``), choosing ideas (``filters``) and bringing in
other journals (``merge``). It knows nothing of cards: a decision arrives as the
record to keep. Nothing here prints.

Importing this package imports nothing else, so that a command only pays for
the modules it uses (msgspec is loaded only when a journal is read).
"""
