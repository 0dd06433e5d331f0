"""Cards: the YAML format and everything about it.

Reading (``yamlload`` rules in ``ff.yamlload``, the ``reader`` package, then the
checks: ``flow`` with ``routes`` and ``tried`` for every answer at once, ``reach``
for the whole flow, ``flagged`` for flags before outcomes; ``problems``,
``loading``), what a card is (``model``, ``conditions``, ``answers``,
``languages``), where cards come from (``sources``), deciding (``engine``),
running a card's examples (``examples``), and a card in words, as a diagram or as
a new template (``describe``, ``graph``, ``template``). Nothing here prints.

Importing this package imports nothing else: commands import the module they need,
so that commands which never read a card never load YAML.
"""
