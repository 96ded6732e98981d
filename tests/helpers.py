"""What many tests need: prompts in the seed format, the seed files, the command line, and assertions on verdicts."""

import subprocess
import sys
from pathlib import Path

import methodx
from methodx.adapters import cli
from methodx.models import REASONS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_DIR = ROOT / "seeds"
SEED_FILES = {path.name[:3]: path for path in sorted(SEED_DIR.glob("*.txt"))}

FRAMEWORKS_QUERY = "Which frameworks are used to build the deep learning model (e.g., TensorFlow, PyTorch)?"
HARDWARE_QUERY = "Which hardware resources are used for training the deep learning model (e.g., GPUs, TPUs)?"
KIND = {"frameworks": "framework", "hardware": "hardware"}

_HEADER = ("Use the following pieces of context to answer the question at the end. If you don't know the "
           "answer, just say that you don't know, don't try to make up an answer.\n\n")
_INSTRUCTIONS = ("Use the provided pieces of context to answer the query in less than 400 words. If you don't "
                 "know the answer, just say that you don't know, don't try to make up an answer.")


def build_prompt(context: str, query: str = FRAMEWORKS_QUERY, helpful: str = "") -> str:
    """A prompt laid out like the seed files (LangChain 'stuff' prompt)."""
    return (_HEADER + context + "\n\nQuestion: %INSTRUCTIONS:\n" + _INSTRUCTIONS + "\n\n%Query\nQuery: \"" + query
            + "\"\n\nProvide your answer as follows:\n\nAnswer:::\n"
            + "Answer: (provide your answer to query in less than 400 words)\n\nAnswer:::\n\nHelpful Answer:\n" + helpful)


def run(capsys, *args):
    """The command line in this process: (exit code, stdout, stderr); never a traceback."""
    code = cli.main([str(a) for a in args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def run_process(*args, stdin=None, cwd=None, timeout=60):
    """The command line in a new process."""
    result = subprocess.run([sys.executable, "-m", "methodx.adapters.cli", *map(str, args)], input=stdin,
                            capture_output=True, text=True, timeout=timeout, cwd=cwd)
    assert "Traceback" not in result.stderr
    return result


def item_names(answer) -> list[str]:
    return [i.name for i in answer.items]


def named(answer, name):
    """The mentions of a name, of the kind the question asks about; their offsets checked."""
    return [m for m in answer.mentions if m.name == name and m.kind == KIND[answer.question]]


def check_offsets(text: str, answer) -> None:
    for m in answer.mentions:
        assert text[m.evidence.start:m.evidence.end] == m.evidence.text
        assert text[m.evidence.sentence.start:m.evidence.sentence.end] == m.evidence.sentence.text


def reason_says(reason: str | None, word: str) -> bool:
    """The reason's code or its description holds the word ('reference', 'hedge', 'developed')."""
    return bool(reason) and (word in reason or word.lower() in REASONS[reason].lower())


def assert_not_used(answer, name, reason=None):
    found = named(answer, name)
    assert found, f"{name} not found at all in {[m.name for m in answer.mentions]}"
    for m in found:
        assert m.used is False, (m.name, m.evidence.sentence.text)
        assert m.reason, "a mention that does not count needs a reason"
        if reason:
            assert reason_says(m.reason, reason), (m.name, m.reason)
    assert name not in item_names(answer)


def assert_used(answer, name):
    found = named(answer, name)
    assert found, f"{name} not found at all in {[m.name for m in answer.mentions]}"
    assert any(m.used for m in found), [(m.name, m.reason) for m in found]
    assert name in item_names(answer)


def frameworks(text):
    return methodx.answer(text, question="frameworks")


def hardware(text):
    return methodx.answer(text, question="hardware")


PAPERS = FIXTURES / "papers"  # copies of real papers, with SOURCES.md
SHARED_PAPERS = SHARED / "fixtures" / "papers"


def pdf_bytes(content: bytes, resources: bytes = b"<< >>", objects: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF written by hand: `content` is the page's content stream, `resources` its resource
    dictionary, `objects` more objects numbered from 5 (1-4: catalog, pages, page, content)."""
    bodies = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources " + resources + b" /Contents 4 0 R >>",
              b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream", *objects]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    return bytes(out)


def text_pdf(sentence: str) -> bytes:
    """A PDF whose one page says `sentence` in Helvetica."""
    return pdf_bytes(b"BT /F1 11 Tf 20 200 Td (" + sentence.encode("latin-1") + b") Tj ET", b"<< /Font << /F1 5 0 R >> >>",
                     (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",))


def image_pdf() -> bytes:
    """A PDF whose one page is an image and holds no text, as a scan without OCR."""
    image = (b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 "
             b"/Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream")
    return pdf_bytes(b"q 200 0 0 200 50 50 cm /Im1 Do Q", b"<< /XObject << /Im1 5 0 R >> >>", (image,))
