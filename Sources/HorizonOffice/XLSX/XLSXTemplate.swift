package import HorizonKit
package import HorizonModel

/// The return (or bid) template as an Excel workbook a supplier fills in without a manual: a
/// `Return` sheet of `Field | Value | About` rows, the header block filled in, every value cell
/// validated by its field's type (TRUE/FALSE from a list, whole numbers of 0 or more, per cents
/// from 0 to 100, real dates, text of a bounded length) with an input message from the field's
/// meaning; the Field and About columns locked and the sheet protected without a password, so
/// only values can be typed; the header row frozen; and a `Guidance` sheet with the guidance of
/// each clause the document answers. Deterministic: the same inputs give the same bytes.
package enum XLSXTemplate {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = OfficeParts.declaration

    /// Cell styles (indexes into `cellXfs`).
    enum Style: Int {
        case locked = 0, heading, value, date, text, wrapped
    }

    /// The workbook's bytes.
    ///
    /// - Parameters:
    ///   - contract: The contract.
    ///   - library: Its library.
    ///   - kind: Return or bid.
    ///   - period: The period whose dates to fill in, if any.
    ///   - filled: Values to write in, by field id (the policy file's name and SHA-256).
    /// - Returns: The `.xlsx` package.
    /// - Throws: `InputError` when the package cannot be assembled in memory.
    package static func render(
        _ contract: Contract, library: Library, kind: DocumentKind, period: ReportingPeriod? = nil,
        filled: [String: (value: String, comment: String)] = [:]
    ) throws(InputError) -> [UInt8] {
        try ZIPPackage.pack(
            parts(contract, library: library, kind: kind, period: period, filled: filled).map { ($0.name, Array($0.xml.utf8)) })
    }

    /// Every part of the package, in the order written.
    package static func parts(
        _ contract: Contract, library: Library, kind: DocumentKind, period: ReportingPeriod? = nil,
        filled: [String: (value: String, comment: String)] = [:]
    ) -> [(name: String, xml: String)] {
        let sheetName = kind == .return ? "Return" : "Bid"
        return [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("docProps/core.xml", coreProperties(contract, kind: kind)),
            ("docProps/app.xml", appProperties),
            ("xl/workbook.xml", workbook(sheetName)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", valuesSheet(contract, library: library, kind: kind, period: period, filled: filled)),
            ("xl/worksheets/sheet2.xml", guidanceSheet(contract, kind: kind)),
        ]
    }

    // MARK: - Cells

    static func column(_ index: Int) -> String { ["A", "B", "C"][index - 1] }

    static func textCell(_ reference: String, _ text: String, _ style: Style) -> String {
        "<c r=\"\(reference)\" s=\"\(style.rawValue)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLText.escape(text))</t></is></c>"
    }

    static func numberCell(_ reference: String, _ number: Int, _ style: Style) -> String {
        "<c r=\"\(reference)\" s=\"\(style.rawValue)\"><v>\(number)</v></c>"
    }

    static func emptyCell(_ reference: String, _ style: Style) -> String { "<c r=\"\(reference)\" s=\"\(style.rawValue)\"/>" }

    /// A date's serial number in the 1900 date system (days since 1899-12-30).
    static func serial(_ date: CivilDate) -> Int { date.dayNumber - CivilDate(year: 1899, month: 12, day: 30)!.dayNumber }

    /// The style of a field's value cell: dates in a date format, text as text (so that a
    /// spreadsheet never turns a digest or a file name into a number), the rest General.
    static func valueStyle(_ type: FieldType?) -> Style {
        switch type {
        case .date: .date
        case .text, .path, .hex, nil: .text
        case .bool, .count, .percent: .value
        }
    }

    /// Excel's validation of a value cell, with its input message.
    static func validation(_ type: FieldType?, cell: String, title: String, prompt: String) -> String {
        let rule: String
        switch type {
        case .bool: rule = "type=\"list\" allowBlank=\"1\"><formula1>\"TRUE,FALSE\"</formula1>"
        case .count: rule = "type=\"whole\" operator=\"greaterThanOrEqual\" allowBlank=\"1\"><formula1>0</formula1>"
        case .percent: rule = "type=\"whole\" operator=\"between\" allowBlank=\"1\"><formula1>0</formula1><formula2>100</formula2>"
        case .date: rule = "type=\"date\" operator=\"greaterThan\" allowBlank=\"1\"><formula1>1</formula1>"
        case .hex: rule = "type=\"textLength\" operator=\"equal\" allowBlank=\"1\"><formula1>64</formula1>"
        case .text, .path, nil: rule = "type=\"textLength\" operator=\"lessThanOrEqual\" allowBlank=\"1\"><formula1>1000</formula1>"
        }
        let error =
            switch type {
            case .bool: "Choose TRUE or FALSE."
            case .count: "Type a whole number, 0 or more."
            case .percent: "Type a whole number from 0 to 100."
            case .date: "Type a date, such as 2027-09-30."
            case .hex: "Paste the 64 characters that 'horizon evidence FILE' prints."
            case .text, .path, nil: "Type at most 1000 characters."
            }
        // Excel limits an input message to 255 characters and its title to 32.
        let shortPrompt = prompt.count > 250 ? String(prompt.prefix(249)) + "…" : prompt
        let shortTitle = title.count > 32 ? String(title.prefix(31)) + "…" : title
        let open = rule.firstIndex(of: ">")!
        return "<dataValidation sqref=\"\(cell)\" showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"Not a valid value\" "
            + "error=\"\(XMLText.escape(error))\" promptTitle=\"\(XMLText.escape(shortTitle))\" prompt=\"\(XMLText.escape(shortPrompt))\" "
            + rule[..<open] + rule[open...] + "</dataValidation>"
    }

    // MARK: - Sheets

    static func valuesSheet(
        _ contract: Contract, library: Library, kind: DocumentKind, period: ReportingPeriod?,
        filled: [String: (value: String, comment: String)]
    ) -> String {
        var rows: [String] = []
        var validations: [String] = []
        rows.append(
            "<row r=\"1\">" + textCell("A1", "Field", .heading) + textCell("B1", "Value", .heading) + textCell("C1", "About", .heading)
                + "</row>")
        rows.append(
            "<row r=\"2\">" + textCell("A2", "document", .locked) + textCell("B2", kind.rawValue, .locked)
                + textCell("C2", "a \(kind.rawValue) for contract \(contract.reference); keep this row", .wrapped) + "</row>")
        var number = 2
        let prefix = kind.rawValue + "."
        for entry in TemplateWriter.grouped(TemplateWriter.entries(contract, library: library, kind: kind, period: period)) {
            number += 1
            let name = entry.field.hasPrefix(prefix) ? String(entry.field.dropFirst(prefix.count)) : entry.field
            var value = entry.value
            var about = TemplateWriter.oneLine(entry.comment)
            if let fill = filled[entry.field] {
                value = fill.value
                about += ". " + fill.comment
            }
            let style = valueStyle(entry.type)
            let cell: String
            if value.isEmpty {
                cell = emptyCell("B\(number)", style)
            } else if entry.type == .date, let date = CivilDate(iso: value) {
                cell = numberCell("B\(number)", serial(date), .date)
            } else {
                cell = textCell("B\(number)", value, style)
            }
            rows.append(
                "<row r=\"\(number)\">" + textCell("A\(number)", name, .locked) + cell + textCell("C\(number)", about, .wrapped) + "</row>")
            validations.append(validation(entry.type, cell: "B\(number)", title: name, prompt: about))
        }
        return declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
            + "<dimension ref=\"A1:C\(number)\"/>"
            + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"B3\" sqref=\"B3\"/></sheetView></sheetViews>"
            + "<sheetFormatPr defaultRowHeight=\"15\"/>"
            + "<cols><col min=\"1\" max=\"1\" width=\"42\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"28\" customWidth=\"1\"/>"
            + "<col min=\"3\" max=\"3\" width=\"100\" customWidth=\"1\"/></cols>"
            + "<sheetData>" + rows.joined() + "</sheetData>"
            + "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" formatRows=\"0\"/>"
            + "<dataValidations count=\"\(validations.count)\">" + validations.joined() + "</dataValidations>"
            + "</worksheet>"
    }

    static func guidanceSheet(_ contract: Contract, kind: DocumentKind) -> String {
        var rows = [
            "<row r=\"1\">" + textCell("A1", "Clause", .heading) + textCell("B1", "Title", .heading)
                + textCell("C1", "Guidance", .heading) + "</row>"
        ]
        var number = 1
        for clause in contract.clauses where clause.requirements.contains(where: { $0.documents.contains(kind) }) {
            number += 1
            rows.append(
                "<row r=\"\(number)\">" + textCell("A\(number)", "\(contract.numbers[clause.id] ?? "") (\(clause.id))", .locked)
                    + textCell("B\(number)", clause.title, .wrapped) + textCell("C\(number)", collapse(clause.guidance).trimmed, .wrapped)
                    + "</row>")
        }
        return declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
            + "<dimension ref=\"A1:C\(number)\"/>"
            + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
            + "<sheetFormatPr defaultRowHeight=\"15\"/>"
            + "<cols><col min=\"1\" max=\"1\" width=\"18\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"40\" customWidth=\"1\"/>"
            + "<col min=\"3\" max=\"3\" width=\"110\" customWidth=\"1\"/></cols>"
            + "<sheetData>" + rows.joined() + "</sheetData>"
            + "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\"/>"
            + "</worksheet>"
    }

    // MARK: - Fixed parts

    static let contentTypes =
        declaration + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
            <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
            </Types>
            """

    static let packageRelationships =
        declaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
            </Relationships>
            """

    static func workbook(_ sheet: String) -> String {
        declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><workbookPr/>"
            + "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
            + "<sheet name=\"\(sheet)\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Guidance\" sheetId=\"2\" r:id=\"rId2\"/>"
            + "</sheets></workbook>"
    }

    static let workbookRelationships =
        declaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """

    /// Fonts, a fill for the cells to type in, and the cell styles of `Style`, in its order.
    static let styles =
        declaration + """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
            <fonts count="2"><font><sz val="11"/><name val="Arial"/></font><font><b/><sz val="11"/><name val="Arial"/></font></fonts>\
            <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
            <fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="6">\
            <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
            <xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1" applyProtection="1"><protection locked="0"/></xf>\
            <xf numFmtId="164" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1" applyProtection="1"><protection locked="0"/></xf>\
            <xf numFmtId="49" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1" applyProtection="1"><protection locked="0"/></xf>\
            <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
            </cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
            </styleSheet>
            """

    static func coreProperties(_ contract: Contract, kind: DocumentKind) -> String {
        OfficeParts.coreProperties(
            title: (kind == .return ? "Return" : "Bid") + " for contract " + contract.reference, subject: contract.reference)
    }

    static let appProperties = OfficeParts.appProperties
}
