"""The pipeline: one source file -> a document record, its reports and its claims."""

from __future__ import annotations

import hashlib

from extractor.errors import InputError
from extractor.extract.claims import extract_claims
from extractor.models.records import Document, ProcessedDocument, Rejection, Report
from extractor.segment.split import segment
from extractor.sources.decode import decode_bytes
from extractor.sources.formats import docx_text, pdf_text
from extractor.sources.read import SourceFile, visible_text
from extractor.text.normalize import MatchingView, matching_view, views_of
from extractor.text.signatures import report_signature


def process_source(source: SourceFile, explain: bool = False, signatures: bool = True) -> ProcessedDocument:
    """Run every stage on one file; raises InputError naming the file and the reason.

    With `explain`, the numbers that are no claim come back too, with the reason; without
    `signatures`, the reports' near-duplicate signatures (which only the store keeps) are
    not made.
    """
    text, encoding = source_text(source)
    if not text.strip():
        raise InputError(source.display, "no text in the file")
    document = Document(
        name=source.name,
        path=source.path,
        member=source.member,
        sha256=source.sha256 or hashlib.sha256(source.data).hexdigest(),
        encoding=encoding,
        size=len(source.data),
    )
    return process_text(text, document, explain, signatures)


# a traditional character (學), a place (the gazetteer) and a Chinese numeral (cn2an) too,
# so that the conversion table, the gazetteer and cn2an's patterns are built as well
WARM_UP_TEXT = ("成华区教育局2015年工作总结\n全区小學报到入学12275人,流失7人,巩固率99.04%;"
                "投资一千四百五十万元,新增学位三千个。\n")


def warm_up() -> None:
    """Load every vocabulary, pattern and table the stages use (they are built on first
    use), so that a worker has them before its first file (extractor/ingest/worker.py)."""
    document = Document(name="warm-up", path="warm-up", sha256="0" * 64, encoding="utf-8", size=0)
    process_text(WARM_UP_TEXT * 3, document)


def source_text(source: SourceFile) -> tuple[str, str]:
    """The text of a source and how it was encoded (a .docx or .pdf names its format)."""
    if source.kind == "docx":
        return docx_text(source.data, source.display), "docx"
    if source.kind == "pdf":
        return pdf_text(source.data, source.display), "pdf"
    decoded = decode_bytes(source.data, source.display)
    return (visible_text(decoded.text) if source.kind == "html" else decoded.text), decoded.encoding


def process_text(text: str, document: Document, explain: bool = False,
                 signatures: bool = True) -> ProcessedDocument:
    """Every stage after decoding, on a document's text (see process_source)."""
    view, reading, segmenting = views_of(matching_view(text))
    segmentation = segment(text, segmenting, document.name)
    rejections: list[Rejection] | None = [] if explain else None
    claims = extract_claims(text, reading, segmentation, document.name,
                            rejections=rejections)
    signed = report_signatures(view, segmentation.reports) if signatures else {}
    return ProcessedDocument(document, text, segmentation.reports, claims, rejections or [], signed)


def report_signatures(view: MatchingView, reports: list[Report]) -> dict[int, bytes | None]:
    """Each report's near-duplicate signature (extractor.reconcile.duplicates)."""
    codes = view.codes
    return {report.index: report_signature(codes[view.view_offset(report.start):view.view_offset(report.end)])
            for report in reports}
