"""Tables read as tables: every cell of a Word, OpenDocument, HTML, Markdown or PDF table comes
back in reading order, row by row, each in its place (table, row, column)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.sources import markdown_briefing
from briefing.sources.document import ALIGNMENTS, CELL, Block, table_blocks
from briefing.sources.reading import read_document
from tests.conftest import LIBREOFFICE, libreoffice

ROWS = [["Town", "Civilians killed", "Source"], ["Baniyas", "412", "Syrian Observatory"],
        ["Jableh", "35", "Local council"], ["Latakia", "12", "Hospital staff"]]
BEFORE = ("Aid convoys reached the coastal towns of Baniyas and Jableh on Monday after the weekend of violence, "
          "in which the monitor said 412 civilians were killed, most of them in villages south of the city.")
AFTER = "Officials said the curfew would be reviewed on Tuesday, and that schools would stay closed for now."


def grid(document, table: int = 0) -> list[list[str]]:
    rows: dict[int, list[str]] = {}
    for block in document.blocks:
        if block.cell is not None and block.cell[0] == table:
            rows.setdefault(block.cell[1], []).append(block.text)
    return [rows[number] for number in sorted(rows)]


def around(document) -> list[str]:
    return [block.text for block in document.blocks if block.cell is None]


def word_report(path, rows=ROWS, borders: bool = True, footnote: bool = False):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_heading("Aid reaches the coastal towns", 1)
    document.add_paragraph("March 10, 2025")
    paragraph = document.add_paragraph(BEFORE)
    if footnote:  # a superscript marker, as Word and LibreOffice set a footnote's
        paragraph._p.append(parse_xml('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                      '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1</w:t></w:r>'))
        paragraph.add_run(" More were missing.")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    if borders:
        table.style = document.styles["Table Grid"]
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph(AFTER)
    document.save(path)
    return path


def test_a_word_table_gives_its_cells_row_by_row_between_the_paragraphs(tmp_path):
    document = read_document(word_report(tmp_path / "report.docx"))
    assert grid(document) == ROWS
    assert around(document) == ["Aid reaches the coastal towns", BEFORE, AFTER]
    assert {block.kind for block in document.blocks if block.cell} == {CELL}


def test_a_merged_word_cell_keeps_the_grid(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Coast"
    table.cell(0, 2).text = "Inland"
    for cell, text in zip(table.rows[1].cells, ["Baniyas", "Jableh", "Homs"], strict=True):
        cell.text = text
    document.save(tmp_path / "merged.docx")
    assert grid(read_document(tmp_path / "merged.docx")) == [["Coast", "", "Inland"], ["Baniyas", "Jableh", "Homs"]]


def test_an_opendocument_table_with_header_rows_and_repeated_cells(tmp_path):
    from odf import opendocument, table, text

    document = opendocument.OpenDocumentText()
    document.text.addElement(text.P(text=BEFORE))
    grid_element = table.Table(name="Toll")
    grid_element.addElement(table.TableColumn(numbercolumnsrepeated=3))
    header = table.TableHeaderRows()
    grid_element.addElement(header)
    for number, cells in enumerate(ROWS):
        row = table.TableRow()
        for value in cells:
            cell = table.TableCell()
            cell.addElement(text.P(text=value))
            row.addElement(cell)
        row.addElement(table.TableCell(numbercolumnsrepeated=1000))  # LibreOffice's empty rest of the row
        (header if number == 0 else grid_element).addElement(row)
    grid_element.addElement(table.TableRow(numberrowsrepeated=100000))  # and of the table
    document.text.addElement(grid_element)
    document.text.addElement(text.P(text=AFTER))
    document.save(str(tmp_path / "report.odt"))
    read = read_document(tmp_path / "report.odt")
    assert grid(read) == ROWS and around(read) == [BEFORE, AFTER]


def test_a_table_in_a_web_article_gives_its_cells(tmp_path):
    rows = "".join("<tr>" + "".join(f"<{'th' if n == 0 else 'td'}>{cell}</{'th' if n == 0 else 'td'}>"
                                    for cell in cells) + "</tr>" for n, cells in enumerate(ROWS))
    page = tmp_path / "page.html"
    page.write_text(f"""<html><body><nav><a href="/">Home</a></nav><main><article><h1>Aid reaches the coast</h1>
        <p>{BEFORE}</p><table>{rows}</table><p>{AFTER}</p></article></main></body></html>""", encoding="utf-8")
    read = read_document(page)
    assert grid(read) == ROWS and around(read) == ["Aid reaches the coast", BEFORE, AFTER]


def test_a_markdown_pipe_table_gives_its_cells(tmp_path):
    source = tmp_path / "report.md"
    source.write_text("\n".join([BEFORE, "", *markdown_briefing.table_lines(ROWS), "", AFTER]) + "\n", encoding="utf-8")
    read = read_document(source)
    assert grid(read) == ROWS and around(read) == [BEFORE, AFTER]


_CELL_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20)


@given(rows=st.lists(st.lists(_CELL_TEXT, min_size=3, max_size=3), min_size=1, max_size=5))
def test_any_cells_survive_a_pipe_table(rows):
    """Pipes, backslashes, right-to-left text, empty cells: written and read back the same."""
    blocks = table_blocks(rows, 0)
    if not blocks:
        return  # nothing but empty or blank cells: no table
    width = max(block.cell[2] for block in blocks) + 1
    expected = [[block.text for block in blocks if block.cell[1] == row] for row in range(blocks[-1].cell[1] + 1)]
    assert markdown_briefing.table_rows(markdown_briefing.table_lines(expected)) == expected
    assert all(len(row) == width for row in expected)


@given(aligns=st.lists(st.sampled_from(("", *ALIGNMENTS)), min_size=1, max_size=6),
       spaced=st.booleans(), dashes=st.integers(1, 8))
def test_a_pipe_tables_column_alignments_are_read_as_written(aligns, spaced, dashes):
    """`:---`, `:---:`, `---:` and `---` of any length, with or without spaces around them."""
    rows = [[f"h{n}" for n in range(len(aligns))], [str(n) for n in range(len(aligns))]]
    lines = markdown_briefing.table_lines(rows, aligns)
    rule = {"": "-", "left": ":-", "center": ":-:", "right": "-:"}
    pad = " " if spaced else ""
    lines[1] = "|" + "|".join(pad + rule[a].replace("-", "-" * dashes) + pad for a in aligns) + "|"
    assert markdown_briefing.column_alignments(lines) == aligns
    assert markdown_briefing.column_alignments(markdown_briefing.table_lines(rows, aligns)) == aligns


def test_a_markdown_tables_alignments_stay_with_each_cell_of_their_column(tmp_path):
    source = tmp_path / "report.md"
    source.write_text(f"{BEFORE}\n\n| Town | Killed | Source |\n|:--|--:|:-:|\n| Baniyas | 412 | Monitor |\n",
                      encoding="utf-8")
    cells = [block for block in read_document(source).blocks if block.cell is not None]
    assert [(block.text, block.align) for block in cells] == [
        ("Town", "left"), ("Killed", "right"), ("Source", "center"),
        ("Baniyas", "left"), ("412", "right"), ("Monitor", "center")]


def test_table_blocks_pad_short_rows_and_drop_empty_ones():
    blocks = table_blocks([["Town", "Killed"], ["", ""], ["Baniyas"]], 2)
    assert blocks == [Block(CELL, "Town", (2, 0, 0)), Block(CELL, "Killed", (2, 0, 1)),
                      Block(CELL, "Baniyas", (2, 1, 0)), Block(CELL, "", (2, 1, 1))]


@LIBREOFFICE
@pytest.mark.parametrize("borders", [True, False], ids=["ruled", "unruled"])
def test_a_pdf_printed_by_libreoffice_gives_the_date_the_table_and_the_footnote_marker_apart(tmp_path, borders):
    printed = libreoffice(word_report(tmp_path / "report.docx", borders=borders, footnote=True), tmp_path)
    read = read_document(printed)
    assert read.date == dt.date(2025, 3, 10)  # the date line, not the PDF's creation date
    assert grid(read) == ROWS
    assert around(read) == ["Aid reaches the coastal towns", f"{BEFORE} [1] More were missing.", AFTER]


def test_a_pdf_printed_by_a_browser_gives_its_ruled_table_and_two_columns_in_reading_order(tmp_path):
    import weasyprint

    left, right = f"{BEFORE} {BEFORE}", f"{AFTER} {AFTER}"
    cells = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in ROWS)
    page = f"""<style>td {{ border: 1px solid black; }} table {{ border-collapse: collapse; }}</style>
        <h1>Aid reaches the coast</h1><p>March 10, 2025</p><p>{BEFORE}</p><table>{cells}</table><p>{AFTER}</p>
        <div style="columns: 2"><p>{left}</p><p>{right}</p></div>"""
    path = tmp_path / "printed.pdf"
    path.write_bytes(weasyprint.HTML(string=page).write_pdf())
    read = read_document(path)
    assert read.date == dt.date(2025, 3, 10) and grid(read) == ROWS
    assert around(read) == ["Aid reaches the coast", BEFORE, AFTER, left, right]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.sampled_from(["Baniyas", "Jableh", "412", "35", "council", "Syrian Observatory",
                                               "hospital staff", "1,200"]), min_size=3, max_size=3),
                     min_size=2, max_size=6),
       ruled=st.booleans())
def test_generated_pdf_tables_come_back_row_by_row(rows, ruled, tmp_path):
    import weasyprint

    border = "border: 1px solid black;" if ruled else ""
    cells = "".join("<tr>" + "".join(f'<td style="{border} padding: 2px 12px">{cell}</td>' for cell in row)
                    + "</tr>" for row in rows)
    path = tmp_path / "table.pdf"
    path.write_bytes(weasyprint.HTML(string=f'<p>{BEFORE}</p><table style="border-collapse: collapse">{cells}'
                                            f"</table><p>{AFTER}</p>").write_pdf())
    read = read_document(path)
    assert grid(read) == rows and around(read) == [BEFORE, AFTER]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(caption=st.sampled_from(["Deaths by town, 6–9 March", "Table 2: displaced families", "Source: the monitor"]),
       columns=st.integers(2, 4), rows=st.integers(1, 4))
def test_an_html_tables_caption_is_the_paragraph_before_it_not_its_first_row(tmp_path_factory, caption, columns,
                                                                             rows):
    head = "".join(f"<th>Column {c}</th>" for c in range(columns))
    body = "".join("<tr>" + "".join(f"<td>{r * 10 + c}</td>" for c in range(columns)) + "</tr>" for r in range(rows))
    page = tmp_path_factory.mktemp("caption") / "page.html"
    page.write_text(
        "<html><body><article><h1>Casualties on the coast</h1><p>Residents of Jableh said twelve people were killed "
        "as gunmen moved through the town and the roads to Baniyas were closed on Friday morning.</p>"
        f"<table><caption>{caption}</caption><tr>{head}</tr>{body}</table></article></body></html>", encoding="utf-8")
    blocks = read_document(page).blocks
    cells = [b for b in blocks if b.cell is not None]
    before = blocks[blocks.index(cells[0]) - 1]
    assert before.cell is None and before.text == caption
    assert [b.text for b in cells if b.cell[1] == 0] == [f"Column {c}" for c in range(columns)]
    assert len(cells) == columns * (rows + 1)
