"""The terminal: the only package that imports Rich or reads what a person types.

``console`` (the two consoles and safe text), the views of decisions, the journal,
cards, settings and the summary (``*_view``), the prompts and the card interview
(``prompts``), writing an iteration in an editor (``editor``) and gathering an
iteration's fields (``iteration_form``)."""
