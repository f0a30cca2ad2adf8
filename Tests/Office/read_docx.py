"""A second reader for Horizon's Word schedule (issue #14): python-docx opens the .docx, and
its paragraphs and tables are compared with the text and HTML schedules Horizon wrote for the
same contract. Run by HorizonCLITests/DOCXOfficeTests in a throwaway virtual environment; never
a dependency of the product.

usage: read_docx.py SCHEDULE.docx SCHEDULE.txt SCHEDULE.html
Prints what differs and exits 1, or prints a summary and exits 0.
"""
import html.parser
import re
import sys

import docx


def norm(text):
    return " ".join(text.split()).casefold()


class Tables(html.parser.HTMLParser):
    """The HTML schedule's tables (rows of cell text) and its definition list."""

    def __init__(self):
        super().__init__()
        self.tables, self.definitions, self.captions = [], [], []
        self.row = self.cell = self.term = self.caption = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""
        elif tag in ("dt", "dd"):
            self.term = ""
        elif tag == "caption":
            self.caption = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1].append(self.row)
            self.row = None
        elif tag in ("dt", "dd") and self.term is not None:
            self.definitions.append(self.term)
            self.term = None
        elif tag == "caption" and self.caption is not None:
            self.captions.append(norm(self.caption))
            self.caption = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.term is not None:
            self.term += data
        if self.caption is not None:
            self.caption += data


def main(docx_path, text_path, html_path):
    document = docx.Document(docx_path)
    text = norm(open(text_path, encoding="utf-8").read())
    problems = []
    parser = Tables()
    parser.feed(open(html_path, encoding="utf-8").read())
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    for paragraph in paragraphs:
        words = paragraph.text
        style = paragraph.style.name.casefold()
        if style == "heading 3":
            # A table's caption: the HTML schedule's caption of the same table.
            if norm(words) not in parser.captions:
                problems.append("table caption not in the HTML schedule: " + words)
            continue
        if style == "heading 2":
            # "Title (DA-POL-1 v2.0.0)" is "1.1 Title [DA-POL-1 v2.0.0]" in the text schedule.
            words = re.sub(r" \(([^()]*)\)$", r" [\1]", words)
        if norm(words) not in text:
            problems.append("paragraph not in the text schedule: " + paragraph.text[:100])
    expected = parser.tables
    if parser.definitions:
        pairs = parser.definitions
        expected = expected[:1] + [[["Term", "Meaning"]] + [pairs[i:i + 2] for i in range(0, len(pairs), 2)]] + expected[1:]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    if len(tables) != len(expected):
        problems.append(f"{len(tables)} tables in the .docx, {len(expected)} in the HTML schedule")
    for index, (got, want) in enumerate(zip(tables, expected)):
        if [[norm(c) for c in row] for row in got] != [[norm(c) for c in row] for row in want]:
            problems.append(f"table {index + 1} differs from the HTML schedule's: {got[:2]} against {want[:2]}")
    for problem in problems:
        print(problem)
    print(f"{len(paragraphs)} paragraphs and {len(tables)} tables read; {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
