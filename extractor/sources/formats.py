"""Document formats that are not plain text: the text of a .docx and of a .pdf.

Both return the text the rest of the pipeline reads (claims' offsets point into it),
or raise InputError naming the file and the reason. python-docx and pypdf are imported
on the first such file: most archives hold none, and ingest workers stay lighter.

Both are bounded before the costly work: a .docx is a zip whose parts python-docx
inflates and parses whole, so its parts' sizes and ratios are checked first, as an
archive's members are (extractor/sources/archives.py); a .pdf is refused past
MAX_PDF_PAGES pages or MAX_PDF_CHARACTERS characters of text.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from extractor.errors import InputError
from extractor.sources.archives import MAX_RATIO, Inflation, zip_size_refusal

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from pypdf import PdfReader

CELL_SEPARATOR = "\t"
# a PDF page with less text than this is an image page (a scan) for all practical purposes
MIN_PAGE_CHARACTERS = 2
MAX_PDF_PAGES = 1000  # a report runs to tens of pages; a yearbook to hundreds
MAX_PDF_CHARACTERS = 10_000_000  # of text, all pages together (a 1,000-page report has ~2 million)


def docx_text(data: bytes, path: str) -> str:
    """Body paragraphs and table rows of a .docx in document order, one per line."""
    import docx
    from docx.opc.exceptions import OpcError

    # what a damaged .docx raises: a broken zip or deflate stream; a part that is not XML
    # (lxml's XMLSyntaxError is a SyntaxError); a missing part (KeyError); XML of another
    # shape than Word's, which python-docx meets as an AttributeError on its elements; a zip
    # header naming an unknown version, compression or strong encryption (NotImplementedError),
    # or an encrypted part (zipfile's RuntimeError: password required)
    damage = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, SyntaxError, AttributeError,
              OpcError, NotImplementedError, RuntimeError)
    try:
        check_docx_parts(data, path)
        return "\n".join(_docx_lines(docx.Document(io.BytesIO(data))))
    except damage as exc:
        raise InputError(path, f"not a readable .docx ({type(exc).__name__}: {exc})") from exc


def check_docx_parts(data: bytes, path: str) -> None:
    """InputError if the parts of a .docx (a zip) would inflate too far, alone (size,
    ratio) or together (ratio to the file's size), before python-docx inflates them.

    Together they may reach a member's ratio, not an archive's: Word's XML is verbose
    (python-docx's own styles part compresses 30 times, a large empty table 160 times).
    """
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = package.infolist()
    inflation = Inflation(len(data), ratio=MAX_RATIO)
    for part in parts:
        if (refusal := zip_size_refusal(part)) is not None:
            raise InputError(path, f".docx part {part.filename}: {refusal}")
        if (refusal := inflation.take(part.file_size)) is not None:
            raise InputError(path, f".docx {refusal}")


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
        pages = _pdf_pages(reader, path)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"not a readable .pdf ({type(exc).__name__}: {exc})") from exc
    if not any(len(page.strip()) >= MIN_PAGE_CHARACTERS for page in pages):
        raise InputError(path, "no text layer (scanned PDF?)")
    return "\n".join(pages)


def _pdf_pages(reader: PdfReader, path: str) -> list[str]:
    """The text of each page; InputError past MAX_PDF_PAGES pages or MAX_PDF_CHARACTERS."""
    count = len(reader.pages)
    if count > MAX_PDF_PAGES:
        raise InputError(path, f"PDF of {count} pages, more than {MAX_PDF_PAGES}: not read")
    pages: list[str] = []
    characters = 0
    for number, page in enumerate(reader.pages, 1):
        pages.append(page.extract_text() or "")
        characters += len(pages[-1])
        if characters > MAX_PDF_CHARACTERS:
            raise InputError(path, f"PDF text longer than {MAX_PDF_CHARACTERS} characters "
                                   f"(reached at page {number} of {count}): not read")
    return pages
