"""``ff check`` as plain Python: the answers given, the decision the card makes of
them, and the idea recorded with that decision in the journal.

It sits above cards and journal (which know nothing of each other) and below the
terminal: when a person is asked, the questions come from the terminal layer,
handed in by the command line (``run.Asking``)."""
