"""``sopc import``: signed SOP PDFs into SOP source files.

The pipeline, one module per stage:

- :mod:`.pdfpage` reads a page with raw PDFium: characters with boxes, paths (Form
  XObjects recursed into, matrices composed), images; the signing wrapper's QR code and
  footnote are left out;
- :mod:`.layout` groups characters into words and lines and pieces of rules into ruling
  lines with cell lookup; :mod:`.values` reads dates, NIP and list markers;
- :mod:`.identity` reads the identity page, :mod:`.table` the procedure table across
  pages; :mod:`.shapes` and :mod:`.flow` find the flowchart's symbols and edges,
  :mod:`.raster` the symbols of a flowchart image, :mod:`.ocr` a table stored as JPEG;
- :mod:`.document` runs these over one PDF (:func:`read_document`), :mod:`.assemble`
  maps what was read to an SOP (:func:`draft_of`), :mod:`.emit` writes it as YAML with
  ``# periksa`` comments, :mod:`.batch` runs many PDFs across processes and writes the
  files (``sopc import`` is :mod:`sopc.commands.import_`).
"""
