"""ff: Fail Fast Fail Forward prompt cards and a journal of what was learned."""

__version__ = "0.1.0"
