"""Repository-wide output of ``sopc build``: the Daftar SOP, Peta Keterkaitan and
Beban Kerja Pelaksana pages, the monitoring/evaluation forms, PDF rendering and the SOP
book (OUTPUT.md §2–§4). Entry points: :func:`sopc.site.pages.generate`,
:func:`sopc.site.pdf.render.render_pdfs`, :func:`sopc.site.pdf.book.render_books`."""
