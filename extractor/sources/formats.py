"""Document formats that are not plain text: the text of a .docx and of a .pdf.

Both return the text the rest of the pipeline reads (claims' offsets point into it),
or raise InputError naming the file and the reason. python-docx and pypdf are imported
on the first such file: most archives hold none, and ingest workers stay lighter.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from extractor.errors import InputError

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table

CELL_SEPARATOR = "\t"
# a PDF page with less text than this is an image page (a scan) for all practical purposes
MIN_PAGE_CHARACTERS = 2


def docx_text(data: bytes, path: str) -> str:
    """Body paragraphs and table rows of a .docx in document order, one per line."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable .docx ({type(exc).__name__}: {exc})") from exc
    return "\n".join(_docx_lines(document))


def _docx_lines(document: DocxDocument) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            yield from _table_lines(block)


def _table_lines(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = cell.text.strip()
            if not cells or value != cells[-1]:  # a merged cell repeats in every column it spans
                cells.append(value)
        yield CELL_SEPARATOR.join(cells)


def pdf_text(data: bytes, path: str) -> str:
    """The text layer of a .pdf, page by page; a PDF without one is refused as scanned."""
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(path, "encrypted PDF (no password)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"not a readable .pdf ({type(exc).__name__}: {exc})") from exc
    if not any(len(page.strip()) >= MIN_PAGE_CHARACTERS for page in pages):
        raise InputError(path, "no text layer (scanned PDF?)")
    return "\n".join(pages)
