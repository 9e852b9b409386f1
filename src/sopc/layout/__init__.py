"""Layout of the procedure table: text metrics (``metrics``), geometry dataclasses
(``geometry``) and the layout engine (``engine.layout_sop``)."""

from sopc.layout.engine import default_table_height, default_table_width, layout_sop, paper_size

__all__ = ["layout_sop", "default_table_height", "default_table_width", "paper_size"]
