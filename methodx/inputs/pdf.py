"""PDF: the text PDFMiner extracts (the optional extra methodx[pdf]), with sections from its headings.

The text keeps PDFMiner's artefacts (line-break hyphenation, ligatures, "(cid:N)" glyphs, running
headers, form feeds between pages) as the study methodx replaces read them; methodx's normaliser
undoes them later, with offsets back into this text.
"""

import io

from methodx.errors import InputError
from methodx.inputs.document import Document, whole
from methodx.inputs.sections import sections_of
from methodx.inputs.text import check_text

INSTALL = 'pip install "methodx[pdf]"'


def extract_pdf_text(data: bytes) -> str:
    """The text of a PDF as PDFMiner lays it out; InputError when there is none to be had."""
    try:
        from pdfminer.high_level import extract_text
        from pdfminer.layout import LAParams
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.psexceptions import PSEOF
    except ImportError:
        raise InputError(f"reading PDF needs pdfminer.six: {INSTALL}") from None
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF (no %PDF- header)")
    # all_texts: lay out text inside figures (Form XObjects) too; some PDFs (ACL's) put all their text
    # there, and without layout PDFMiner returns its characters with no spaces between words.
    laparams = LAParams(all_texts=True)
    try:
        text = extract_text(io.BytesIO(data), laparams=laparams)
    except PDFPasswordIncorrect:
        raise InputError("the PDF is encrypted and needs a password") from None
    except PDFEncryptionError as error:
        raise InputError(f"the PDF is encrypted in a way PDFMiner cannot read ({error})") from None
    except PSEOF:
        raise InputError("the PDF is truncated (it ends before its last object)") from None
    except Exception as error:  # a broken file can fail anywhere inside PDFMiner
        reason = str(error) or type(error).__name__
        raise InputError(f"the PDF cannot be read ({reason})") from None
    if not text.strip():
        raise InputError("the PDF has no text layer (scanned pages need OCR first)")
    return text


def pdf_document(text: str, source: str | None = None) -> Document:
    """The Document of a PDF's extracted text, with sections from its headings."""
    text = check_text(text)
    return whole(text, "pdf", source, sections=sections_of(text))


def read_pdf(data: bytes, source: str | None = None) -> Document:
    """A PDF file's bytes as a Document of its text, with sections from its headings."""
    return pdf_document(extract_pdf_text(data), source)
