internal import HorizonKit
internal import HorizonModel

/// `word/document.xml`: the schedule document model as WordprocessingML. Section, clause and
/// paragraph numbers are Word's own list numbering (`WordParts.numbering`), never typed; each
/// clause heading carries a bookmark, and every cross-reference is a REF field to it whose
/// cached result is already the clause's number, so nothing shows blank before the fields are
/// updated and updating them changes nothing.
struct WordBody {
    /// Width of the text between A4 margins of 1 inch, in twentieths of a point.
    static let textWidth = 9026

    var out = ""
    /// Bookmark names by clause id.
    let bookmarks: [String: String]
    var nextBookmark = 1

    init(_ document: ScheduleDocument) {
        bookmarks = WordBody.bookmarkNames(document.sections.flatMap { $0.clauses.map(\.id) })
    }

    /// Bookmark names for clause ids: `_Ref` and the id's letters and digits (Word hides names
    /// that start with an underscore from its bookmark list, as it does its own cross-reference
    /// bookmarks); at most 40 characters, and unique.
    static func bookmarkNames(_ ids: [String]) -> [String: String] {
        var names: [String: String] = [:]
        var used: Set<String> = []
        for id in ids where names[id] == nil {
            let safe = String(
                id.unicodeScalars.map {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_"
                })
            var name = String(("_Ref_" + safe).prefix(40))
            var serial = 1
            while used.contains(name) {
                serial += 1
                let suffix = "_\(serial)"
                name = String(("_Ref_" + safe).prefix(40 - suffix.count)) + suffix
            }
            used.insert(name)
            names[id] = name
        }
        return names
    }

    // MARK: - Pieces

    static func text(_ text: String, bold: Bool = false, style: String? = nil) -> String {
        var properties = ""
        if let style { properties += "<w:rStyle w:val=\"\(style)\"/>" }
        if bold { properties += "<w:b/>" }
        let rPr = properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>"
        return "<w:r>\(rPr)<w:t xml:space=\"preserve\">\(XMLText.escape(text))</w:t></w:r>"
    }

    /// A complex field with its cached result.
    static func field(_ code: String, result: String) -> String {
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> \(code) </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\(text(result))<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    }

    mutating func paragraph(_ style: WordParts.Style, level: Int? = nil, bookmark: String? = nil, _ runs: String) {
        var pPr = "<w:pStyle w:val=\"\(style.rawValue)\"/>"
        if let level { pPr += "<w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"1\"/></w:numPr>" }
        out += "<w:p><w:pPr>\(pPr)</w:pPr>"
        if let bookmark {
            let id = nextBookmark
            nextBookmark += 1
            out += "<w:bookmarkStart w:id=\"\(id)\" w:name=\"\(bookmark)\"/>\(runs)<w:bookmarkEnd w:id=\"\(id)\"/>"
        } else {
            out += runs
        }
        out += "</w:p>"
    }

    /// A table; with `headers`, its first row is a header row that repeats on every page.
    mutating func table(headers: [String]?, rows: [[String]]) {
        let columns = headers?.count ?? rows.first?.count ?? 1
        let width = Self.textWidth / max(columns, 1)
        out += "<w:tbl><w:tblPr><w:tblStyle w:val=\"HorizonTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
        out +=
            "<w:tblLook w:firstRow=\"\(headers == nil ? 0 : 1)\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>"
        out += "<w:tblGrid>" + String(repeating: "<w:gridCol w:w=\"\(width)\"/>", count: columns) + "</w:tblGrid>"
        func row(_ cells: [String], header: Bool) -> String {
            var xml = "<w:tr>" + (header ? "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>")
            for index in 0..<columns {
                let cell = index < cells.count ? cells[index] : ""
                xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr>"
                xml += "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>\(Self.text(collapse(cell), bold: header))</w:p></w:tc>"
            }
            return xml + "</w:tr>"
        }
        if let headers { out += row(headers, header: true) }
        for cells in rows { out += row(cells, header: false) }
        out += "</w:tbl>"
        // A paragraph after every table, so that two tables never merge.
        paragraph(.normal, "")
    }

    func inline(_ parts: [Inline]) -> String {
        parts.map { part in
            switch part {
            case .text(let text): Self.text(collapse(text))
            case .term(let term): Self.text(term)
            case .value(let value): Self.text(value, bold: true)
            case .reference(let number, let id):
                if let name = bookmarks[id] {
                    Self.text("clause ") + Self.field("REF \(name) \\w \\h", result: number)
                } else {
                    Self.text("clause \(number)")
                }
            }
        }.joined()
    }

    // MARK: - The document

    static func render(_ d: ScheduleDocument) -> String {
        var body = WordBody(d)
        body.paragraph(.title, text(d.title))
        body.table(headers: nil, rows: d.facts.map { [$0.label, $0.value] })
        body.paragraph(.normal, text(d.introduction))
        if !d.definitions.isEmpty {
            body.paragraph(.heading1, text("Definitions"))
            body.paragraph(.normal, text("In this schedule:"))
            body.table(
                headers: ["Term", "Meaning"], rows: d.definitions.map { [$0.term, meaningPrefix($0.text) + collapse($0.text)] })
        }
        for section in d.sections {
            body.paragraph(.heading1, level: 0, text(section.title))
            for clause in section.clauses {
                body.paragraph(
                    .heading2, level: 1, bookmark: body.bookmarks[clause.id],
                    text(clause.title) + text(" (\(clause.id) v\(clause.version))", style: WordParts.Style.clauseID.rawValue))
                for paragraph in clause.paragraphs {
                    body.paragraph(.clauseText, level: 2, body.inline(paragraph))
                }
            }
        }
        body.paragraph(.heading1, text("Annex A: reporting"))
        body.paragraph(
            .normal,
            text(
                "The Supplier shall make a return for each reporting period. Each return starts with "
                    + d.headerFields.map { "\($0.field) (\($0.meaning))" }.joined(separator: ", ")
                    + ", and then gives each of the measures below. Every figure is a count for the whole Contract."))
        body.paragraph(.heading3, text("Measures to return"))
        body.table(
            headers: ["Measure", "Type", "Required by", "What is judged"],
            rows: d.measures.map {
                [$0.field, $0.type, $0.clauses.joined(separator: ", "), $0.rules.isEmpty ? "present" : $0.rules.joined(separator: "; ")]
            })
        body.paragraph(.heading3, text("Reporting periods"))
        body.table(
            headers: ["Period", "From", "To", "Return due by"],
            rows: d.periods.map { ["\($0.number)", "\($0.start)", "\($0.end)", "\($0.due)"] })
        body.paragraph(.heading1, text("Annex B: clauses left out"))
        if d.omitted.isEmpty {
            body.paragraph(.normal, text("No clause of the tier is left out."))
        } else {
            body.paragraph(.heading3, text("Clauses left out, with reasons"))
            body.table(headers: ["Clause", "Title", "Reason"], rows: d.omitted.map { [$0.id, $0.title, $0.reason] })
        }
        for (letter, annex) in zip(annexLetters, d.annexes) {
            body.paragraph(.heading1, text("Annex \(letter): \(annex.title)"))
            body.paragraph(.normal, text(annex.introduction))
            body.paragraph(.heading3, text(annex.caption))
            body.table(headers: annex.headers, rows: annex.rows)
        }
        let section =
            "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId4\"/><w:footerReference w:type=\"default\" r:id=\"rId5\"/>"
            + "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" "
            + "w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>"
        return WordParts.declaration + "<w:document xmlns:w=\"\(WordParts.w)\" xmlns:r=\"\(WordParts.r)\"><w:body>"
            + body.out + section + "</w:body></w:document>"
    }
}
