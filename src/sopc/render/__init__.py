"""Renderers: the per-SOP HTML document (``html``, ``identity``) and the procedure
table drawing (``svg``)."""
