"""PDF, Word and e-mail inputs: fixtures made here, read back as a user would see them."""

from __future__ import annotations

import base64
import email.message
import io
from pathlib import Path

import pytest

from variance.errors import InputError
from variance.load import load_paths
from variance.model import Options
from variance.pipeline import compare_documents

LEFT = ["The foreign ministers met in Beijing on Friday for",
        "talks that both sides described as candid and con-",
        "structive. China is willing to cooperate, but coop-",
        "eration must be bilateral, the minister said."]
RIGHT = ["Officials said the meeting lasted more than five",
         "hours. The secretary raised concerns about a two-",
         "way street in trade and the treatment of journal-",
         "ists working in the country."]
SECOND = ["On the second day the delegations discussed the cli-",
          "mate and agreed to keep channels of communication open."]
HEADER = "Ministry of Foreign Affairs - Press Release"


def make_pdf(path: Path, *, image_page: bool = True, text: bool = True) -> Path:
    """Two columns drawn line by line across the page (as many producers do), hyphenated line
    ends, a running header and page numbers, and a last page holding only an image."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=11)
    pages = [list(zip(LEFT, RIGHT)), [(line, "") for line in SECOND]] if text else []
    for number, rows in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.text(70, 12, HEADER)
        pdf.text(100, 287, f"Page {number}")
        pdf.set_font("Helvetica", size=11)
        for i, (left, right) in enumerate(rows):
            pdf.text(10, 40 + i * 5.5, left)
            if right:
                pdf.text(110, 40 + i * 5.5, right)
    if image_page or not text:
        pdf.add_page()
        picture = io.BytesIO()
        Image.new("RGB", (200, 120), (180, 180, 180)).save(picture, format="PNG")
        pdf.image(picture, x=20, y=30, w=160)
    pdf.output(str(path))
    return path


def test_a_two_column_pdf_reads_in_order_without_its_running_header_or_page_numbers(tmp_path):
    [doc] = load_paths([str(make_pdf(tmp_path / "readout.pdf"))])
    assert doc.text.split("\n") == [
        ("The foreign ministers met in Beijing on Friday for talks that both sides described as "
         "candid and constructive. China is willing to cooperate, but cooperation must be "
         "bilateral, the minister said."),
        ("Officials said the meeting lasted more than five hours. The secretary raised concerns "
         "about a two-way street in trade and the treatment of journalists working in the "
         "country."),
        ("On the second day the delegations discussed the climate and agreed to keep channels "
         "of communication open."),
    ]
    assert HEADER not in doc.text and "Page 1" not in doc.text
    notes = " | ".join(doc.notes)
    assert "left out the running header or footer “Ministry of Foreign Affairs" in notes
    assert "left out page numbers (2 pages)" in notes
    assert "no text on page 3 (images only?); left out" in notes
    assert "joined 4 words hyphenated at line ends" in notes
    assert doc.language == "en"


def test_pdf_sentences_slice_the_loaded_text(tmp_path):
    [doc] = load_paths([str(make_pdf(tmp_path / "readout.pdf"))])
    comparison = compare_documents([doc], Options(artefacts=False, quotes=False))
    texts = [comparison.documents[0].sentence_text(s.index) for s in comparison.documents[0].sentences]
    assert "China is willing to cooperate, but cooperation must be bilateral, the minister said." in texts


def test_a_scanned_pdf_is_one_line_error(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", text=False)
    with pytest.raises(InputError) as info:
        load_paths([str(path)])
    assert str(info.value) == (f"{path}: PDF has no text layer (1 page of images: a scan?); "
                               "run OCR on it first")


def test_a_truncated_pdf_is_one_line_error(tmp_path):
    path = make_pdf(tmp_path / "whole.pdf")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(path.read_bytes()[:300])
    with pytest.raises(InputError) as info:
        load_paths([str(cut)])
    assert str(info.value).startswith(f"{cut}: ")
    assert "\n" not in str(info.value)


def test_a_pdf_without_extension_is_recognised_by_its_bytes(tmp_path):
    path = make_pdf(tmp_path / "readout.pdf")
    bare = tmp_path / "readout"
    bare.write_bytes(path.read_bytes())
    [doc] = load_paths([str(bare)])
    assert doc.text.startswith("The foreign ministers met in Beijing")


def make_docx(path: Path) -> Path:
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document()
    document.core_properties.language = "en-GB"
    document.add_paragraph("Readout of the meeting", style="Title")
    paragraph = document.add_paragraph("China is willing to cooperate, ")
    paragraph.add_run("but cooperation must be bilateral.").bold = True
    inserted = etree.SubElement(paragraph._p, qn("w:ins"))
    run = etree.SubElement(inserted, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = " The minister said so twice."
    deleted = etree.SubElement(paragraph._p, qn("w:del"))
    gone = etree.SubElement(deleted, qn("w:r"))
    etree.SubElement(gone, qn("w:delText")).text = " A deleted sentence."
    document.add_heading("Trade", level=1)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Both sides discussed export controls."
    table.cell(0, 1).text = "They agreed to meet again."
    document.sections[0].header.paragraphs[0].text = "MINISTRY LETTERHEAD"
    document.save(str(path))
    return path


def test_a_word_file_reads_as_it_now_reads_with_its_headings_apart(tmp_path):
    [doc] = load_paths([str(make_docx(tmp_path / "wire.docx"))])
    assert doc.text.split("\n") == [
        "Readout of the meeting",
        "China is willing to cooperate, but cooperation must be bilateral. The minister said so twice.",
        "Trade", "Both sides discussed export controls.", "They agreed to meet again."]
    assert doc.title == "Readout of the meeting" and doc.language == "en"
    assert "page headers and footers left out" in doc.notes
    comparison = compare_documents([doc], Options(artefacts=False, quotes=False))
    kinds = {comparison.documents[0].sentence_text(s.index): s.kind.value
             for s in comparison.documents[0].sentences}
    assert kinds["Readout of the meeting"] == "headline" and kinds["Trade"] == "headline"
    assert kinds["They agreed to meet again."] == "body"


def test_a_zip_that_is_not_a_word_file_is_one_line_error(tmp_path):
    import zipfile

    path = tmp_path / "notes.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(InputError, match="without word/document.xml, not a Word file"):
        load_paths([str(path)])


def make_eml(path: Path, *, html: bool = False) -> Path:
    message = email.message.EmailMessage()
    message["From"] = "Wire Desk <desk@wire.example>"
    message["To"] = "editor@paper.example"
    message["Subject"] = "Blinken meets Wang Yi in Beijing"
    message["Date"] = "Fri, 26 Apr 2024 18:05:00 +0800"
    body = ("China is willing to cooperate, but cooperation must be bilateral, the minister "
            "said.\nThe talks lasted five hours.\n")
    if html:
        message.set_content("<html><body><article><p>" + body.replace("\n", "</p><p>")
                            + "</p></article></body></html>", subtype="html")
    else:
        message.set_content(body + "-- \nWire Desk, +1 555 0100\n")
    message.add_attachment(b"%PDF-1.4 not read", maintype="application", subtype="pdf",
                           filename="readout.pdf")
    path.write_bytes(bytes(message))
    return path


@pytest.mark.parametrize("html", [False, True], ids=["plain", "html"])
def test_an_email_gives_its_body_and_from_date_subject_as_metadata(tmp_path, html):
    [doc] = load_paths([str(make_eml(tmp_path / "desk.eml", html=html))])
    assert doc.text.strip().split("\n") == [
        "China is willing to cooperate, but cooperation must be bilateral, the minister said.",
        "The talks lasted five hours."]
    assert (doc.title, doc.outlet, doc.date) == ("Blinken meets Wang Yi in Beijing", "Wire Desk",
                                                 "2024-04-26")
    if not html:
        assert "signature after “-- ” left out" in doc.notes


def test_an_email_without_a_text_body_names_what_it_holds(tmp_path):
    message = email.message.EmailMessage()
    message["From"], message["Subject"] = "desk@wire.example", "scan"
    message.add_attachment(b"\x89PNG", maintype="image", subtype="png", filename="x.png")
    path = tmp_path / "scan.eml"
    path.write_bytes(bytes(message))
    with pytest.raises(InputError) as info:
        load_paths([str(path)])
    assert str(info.value) == f"{path}: e-mail has no text body (it holds image/png)"


STORY = ("China is willing to cooperate, but cooperation must be bilateral, the minister said.\n"
         "The talks lasted five hours.\n")


def make_base64_eml(path: Path, body: str) -> Path:
    """A one-part message whose base64 body is written as given (the `email` package would
    only write valid base64)."""
    path.write_text("From: Wire Desk <desk@wire.example>\nSubject: Talks\nMIME-Version: 1.0\n"
                    "Content-Type: text/plain; charset=utf-8\n"
                    "Content-Transfer-Encoding: base64\n\n" + body + "\n")
    return path


GOOD64 = base64.b64encode(STORY.encode()).decode()


@pytest.mark.parametrize("body, damage", [
    (GOOD64.rstrip("=") + "Q", "1 character left over at its end dropped"),
    (GOOD64[:40] + "!*?" + GOOD64[40:], "3 characters outside the alphabet skipped"),
], ids=["impossible-length", "stray-characters"])
def test_a_damaged_base64_body_is_decoded_as_far_as_it_goes_and_noted(tmp_path, body, damage):
    [doc] = load_paths([str(make_base64_eml(tmp_path / "desk.eml", body))])
    assert doc.text.strip().split("\n") == STORY.strip().split("\n")
    assert f"e-mail body's base64 is damaged ({damage}): decoded what was decodable" in doc.notes


def test_a_body_that_is_not_base64_is_refused_in_one_line_never_aligned(tmp_path):
    path = make_base64_eml(tmp_path / "noise.eml", "Officials said the talks (held on Friday) "
                           "were candid; $$$ and more text that is not base64 at all!")
    with pytest.raises(InputError) as info:
        load_paths([str(path)])
    assert str(info.value).startswith(f"{path}: e-mail body is not valid base64: it decodes to "
                                      "no readable text (")
    assert "\n" not in str(info.value)


def test_a_folder_reads_pdf_word_and_email_beside_text(tmp_path):
    make_pdf(tmp_path / "a.pdf")
    make_docx(tmp_path / "b.docx")
    make_eml(tmp_path / "c.eml")
    (tmp_path / "d.txt").write_text("China is willing to cooperate. It said so.\n")
    docs = load_paths([str(tmp_path)])
    assert [d.id for d in docs] == ["a", "b", "c", "d"]


def test_language_is_declared_first_then_detected(tmp_path):
    (tmp_path / "zh.txt").write_text("房内一名两岁儿童仅受轻伤，被平安救出。目前，飞机失事原因尚不明确。\n",
                                     encoding="utf-8")
    (tmp_path / "es.txt").write_text("¿Qué dijo el ministro? Dijo que la cooperación debe ser "
                                     "bilateral y que ambos países deben trabajar juntos.\n",
                                     encoding="utf-8")
    (tmp_path / "fr.txt").write_text("China is willing to cooperate, but cooperation must be "
                                     "bilateral, the minister said.\n")
    (tmp_path / "fr.meta.json").write_text('{"language": "fr-FR"}')
    docs = {d.id: d for d in load_paths([str(tmp_path)])}
    assert (docs["zh"].language, docs["es"].language, docs["fr"].language) == ("zh", "es", "fr")


def test_a_chinese_document_is_segmented_at_its_full_stops(tmp_path):
    (tmp_path / "zh.txt").write_text("房内一名两岁儿童仅受轻伤，被平安救出。目前，飞机失事原因尚不明确。\n",
                                     encoding="utf-8")
    [doc] = compare_documents(load_paths([str(tmp_path / "zh.txt")]),
                              Options(artefacts=False, quotes=False)).documents
    assert [doc.sentence_text(s.index) for s in doc.sentences] == [
        "房内一名两岁儿童仅受轻伤，被平安救出。", "目前，飞机失事原因尚不明确。"]
