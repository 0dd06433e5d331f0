"""Sharing journals through git: ff as git's merge driver for journals (``driver``),
setting a repository up for it (``setup``), and ``ff sync`` (``sync``), all running the
real git (``git``). It knows the journal, never cards, the terminal or the command
line; nothing here prints."""
