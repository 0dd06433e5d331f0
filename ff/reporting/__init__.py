"""Reporting for leads: many journals collected (``collect``), the figures of the
learning summary (``figures``), and the exporters that turn them into files to
share (``exporters``, a registry of formats). Reads journals; never writes them."""
