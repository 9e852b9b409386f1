"""Layout of the procedure table: text metrics (``metrics``), geometry dataclasses
(``geometry``) and the layout itself (``procedure.layout_sop``, its parts in ``style``,
``table``, ``flow``, ``paginate``, ``page``, ``route`` and ``labels``)."""

from sopc.core.paper import size_pt as paper_size
from sopc.layout.procedure import layout_sop
from sopc.layout.style import default_table_height, default_table_width

__all__ = ["layout_sop", "default_table_height", "default_table_width", "paper_size"]
