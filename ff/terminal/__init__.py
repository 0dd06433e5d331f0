"""The terminal: the only package that imports Rich or reads what a person types.

``console`` (the two consoles, plain output and safe text); what each command
shows (``*_view``), each as plain text (``*_text``, written without Rich: for
pipes, files and ``--plain``) or laid out and coloured for a terminal
(``*_rich``), and the cards and settings views; the prompts and the card
interview (``prompts``), with ff's own words in the card's language
(``catalogue``); writing an iteration in an editor (``editor``) and gathering an
iteration's fields (``iteration_form``)."""
