package import HorizonKit
package import HorizonModel

/// Reads a return or bid saved as an Excel workbook (`.xlsx`, and `.xlsm` for its values only:
/// nothing in a workbook is ever run or fetched, so macros and external links are inert). The
/// sheet named Return or Bid is read (else the first visible sheet) as the CSV form is read:
/// a `field | value | about` header row, one field a row, a `document` row; columns after the
/// third are ignored, and so are blank rows. Each value is typed from its cell: numbers as
/// written, TRUE/FALSE as true/false, a date (a number in a date format) as YYYY-MM-DD under
/// the workbook's 1900 or 1904 date system, shared, inline and rich-text strings as their
/// text, a formula by its cached value, an error cell (#REF!) as its text, which no field
/// type accepts. Every place is a cell: `return.xlsx:Return!B14`.
package enum XLSXReader {
    /// Whether the bytes are a ZIP archive that is not an OpenDocument file: the reader's to try.
    package static func isWorkbook(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) && !String(decoding: bytes.prefix(120), as: UTF8.self).contains("opendocument")
    }

    /// Reads a workbook.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - file: Its name, for locations.
    ///   - limits: Read bounds (the file's size, the number of values).
    ///   - table: The field table to file values by.
    /// - Returns: The document, its places cells of the sheet read.
    /// - Throws: `InputError` for a file that is not a readable workbook.
    package static func document(
        _ bytes: [UInt8], file: String, limits: ReadLimits = .standard, table: FieldTable = .headerOnly
    ) throws(InputError) -> SupplierDocument {
        if bytes.count > limits.maxBytes {
            throw InputError(
                "too-large", "the file is \(bytes.count) bytes, more than the limit of \(limits.maxBytes) (raise it with --max-input-size)",
                at: .start(of: file))
        }
        let archive = try WorkbookArchive(bytes, file: file, limits: limits)
        func unreadable(_ what: String) -> InputError {
            InputError(
                "workbook-unreadable", "\(what): save it again from the spreadsheet as an Excel workbook (.xlsx)", at: .start(of: file))
        }
        guard let workbookBytes = try archive.part("xl/workbook.xml") else {
            throw unreadable("this ZIP file is not an Excel workbook (it has no xl/workbook.xml)")
        }
        guard let workbook = XMLEvents.parse(workbookBytes) else { throw unreadable("the workbook's list of sheets is damaged") }
        var date1904 = false
        var sheets: [(name: String, id: String, hidden: Bool)] = []
        for case .start(let name, let attributes) in workbook.events {
            if name == "workbookPr", let value = attributes["date1904"] { date1904 = value == "1" || value == "true" }
            if name == "sheet", let sheet = attributes["name"], let id = attributes["id"] {
                sheets.append((sheet, id, (attributes["state"] ?? "visible") != "visible"))
            }
        }
        var targets: [String: String] = [:]
        if let rels = try archive.part("xl/_rels/workbook.xml.rels").flatMap(XMLEvents.parse) {
            for case .start("Relationship", let attributes) in rels.events {
                if let id = attributes["Id"], let target = attributes["Target"] {
                    targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                }
            }
        }
        // The sheet named Return or Bid; else the visible sheets in order, then the hidden, the
        // first whose first row is the template's (Field | Value) — so a sheet renamed, or one of
        // the supplier's own put before it, is still found.
        let named = sheets.filter { ["return", "bid"].contains($0.name.lowercased()) }
        let candidates = named + sheets.filter { !$0.hidden && !named.map(\.name).contains($0.name) } + sheets.filter(\.hidden)
        guard !candidates.isEmpty else { throw unreadable("the workbook has no sheet to read") }
        let strings = try sharedStrings(archive)
        let dates = try dateStyles(archive)
        var firstRead: (name: String, rows: [[CSVReader.Cell]])?
        for candidate in candidates {
            guard let path = targets[candidate.id], let sheetBytes = try archive.part(path) else { continue }
            guard let events = XMLEvents.parse(sheetBytes) else { throw unreadable("the sheet '\(candidate.name)' is damaged") }
            let rows = try self.rows(events, sheet: candidate.name, file: file, limits: limits, strings, dates, date1904)
            let header = rows.first.map { $0.prefix(2).map { $0.text.trimmed.lowercased() } }
            if firstRead == nil || header == ["field", "value"] { firstRead = (candidate.name, rows) }
            if header == ["field", "value"] { break }
        }
        guard let (sheetName, rows) = firstRead else { throw unreadable("the workbook has no sheet to read") }
        if let first = rows.first, first.prefix(2).map({ $0.text.trimmed.lowercased() }) != ["field", "value"] {
            throw InputError(
                "csv-header",
                "no sheet of this workbook starts with the template's row 'Field | Value | About': make the template again with 'horizon template … --format xlsx' and copy your figures into it",
                at: first[0].location)
        }
        var document = try CSVReader.document(rows: rows, file: file, sha256: Digest.sha256(bytes), table: table, blankAtValue: true)
        document.sheet = sheetName
        return document
    }

    /// The cells of a sheet's first three columns, as rows (blank rows left out).
    static func rows(
        _ events: XMLEvents, sheet name: String, file: String, limits: ReadLimits, _ strings: [String], _ dates: Set<Int>,
        _ date1904: Bool
    ) throws(InputError) -> [[CSVReader.Cell]] {
        let sheet = (name: name, id: "")

        // The cells of the first three columns, by row.
        var cells: [Int: [Int: String]] = [:]
        var row = 0
        var column = 0
        var type = "n"
        var style = 0
        var value: String?
        var inline = ""
        var inValue = false
        var inText = false
        var count = 0
        for event in events.events {
            switch event {
            case .start("row", let attributes):
                row = attributes["r"].flatMap { Int($0) } ?? row + 1
                column = 0
            case .start("c", let attributes):
                if let reference = attributes["r"], let place = cellPlace(reference) {
                    (row, column) = place
                } else {
                    column += 1
                }
                type = attributes["t"] ?? "n"
                style = attributes["s"].flatMap { Int($0) } ?? 0
                value = nil
                inline = ""
            case .start("v", _): inValue = true
            case .end("v"): inValue = false
            case .start("t", _): inText = true
            case .end("t"): inText = false
            case .text(let text):
                if inValue { value = (value ?? "") + text } else if inText { inline += text }
            case .end("c"):
                count += 1
                if count > limits.maxNodes {
                    throw InputError(
                        "too-many-nodes", "the sheet holds more than \(limits.maxNodes) cells",
                        at: SourceLocation(file: file, line: row, column: column, sheet: sheet.name))
                }
                guard column <= 3, let text = cellText(type: type, style: style, value: value, inline: inline, strings, dates, date1904)
                else { continue }
                cells[row, default: [:]][column] = text
            default: break
            }
        }
        var rows: [[CSVReader.Cell]] = []
        for number in cells.keys.sorted() {
            let line = cells[number]!
            // A blank row is skipped, as in CSV.
            if line.values.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            rows.append(
                (1...3).map { index in
                    CSVReader.Cell(
                        text: line[index] ?? "", location: SourceLocation(file: file, line: number, column: index, sheet: sheet.name))
                })
        }
        return rows
    }

    /// "B14" → (14, 2).
    static func cellPlace(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var digits = ""
        for scalar in reference.unicodeScalars {
            if ("A"..."Z").contains(scalar) {
                guard digits.isEmpty else { return nil }
                column = column * 26 + Int(scalar.value) - 64
                if column > 16384 { return nil }
            } else if ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
            } else {
                return nil
            }
        }
        guard column > 0, let row = Int(digits), row > 0, row <= 1_048_576 else { return nil }
        return (row, column)
    }

    /// A cell's value as the text a field's type reads.
    static func cellText(
        type: String, style: Int, value: String?, inline: String, _ strings: [String], _ dates: Set<Int>, _ date1904: Bool
    ) -> String? {
        switch type {
        case "s": return value.flatMap { Int($0) }.flatMap { $0 >= 0 && $0 < strings.count ? strings[$0] : nil } ?? ""
        case "inlineStr": return inline
        case "str", "e": return value ?? ""
        case "b": return value == "1" ? "true" : value == "0" ? "false" : value ?? ""
        case "d": return value.map { String($0.prefix(10)) } ?? ""
        default:
            guard let value else { return nil }
            if dates.contains(style), let serial = Double(value), serial >= 0, serial < 2_958_466 {
                return date(serial: Int(serial), date1904: date1904).description
            }
            return value
        }
    }

    /// A date serial number as a date: days since 1899-12-30 in the 1900 system (whose day 60
    /// is the 29 February 1900 that never was), since 1904-01-01 in the 1904 system.
    static func date(serial: Int, date1904: Bool) -> CivilDate {
        if date1904 { return CivilDate(year: 1904, month: 1, day: 1)!.adding(days: serial) }
        if serial < 60 { return CivilDate(year: 1899, month: 12, day: 31)!.adding(days: serial) }
        return CivilDate(year: 1899, month: 12, day: 30)!.adding(days: serial)
    }

    /// The shared strings, rich text joined, phonetic runs left out.
    static func sharedStrings(_ archive: WorkbookArchive) throws(InputError) -> [String] {
        guard let bytes = try archive.part("xl/sharedStrings.xml"), let events = XMLEvents.parse(bytes) else { return [] }
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = false
        for event in events.events {
            switch event {
            case .start("si", _): current = ""
            case .end("si"): strings.append(current)
            case .start("rPh", _): phonetic = true
            case .end("rPh"): phonetic = false
            case .start("t", _): inText = true
            case .end("t"): inText = false
            case .text(let text): if inText && !phonetic { current += text }
            default: break
            }
        }
        return strings
    }

    /// The cell styles (`s`) whose number format is a date.
    static func dateStyles(_ archive: WorkbookArchive) throws(InputError) -> Set<Int> {
        guard let bytes = try archive.part("xl/styles.xml"), let events = XMLEvents.parse(bytes) else { return [] }
        var custom: [Int: String] = [:]
        var styles: Set<Int> = []
        var inCellXfs = false
        var index = 0
        for event in events.events {
            switch event {
            case .start("numFmt", let attributes):
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { custom[id] = code }
            case .start("cellXfs", _): inCellXfs = true
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let attributes) where inCellXfs:
                let id = attributes["numFmtId"].flatMap { Int($0) } ?? 0
                if isDateFormat(id, custom[id]) { styles.insert(index) }
                index += 1
            default: break
            }
        }
        return styles
    }

    /// Excel's built-in date formats (14–22, 27–36, 45–47, 50–58), or a custom format with a
    /// day, month or year outside quotes and brackets.
    static func isDateFormat(_ id: Int, _ code: String?) -> Bool {
        if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) { return true }
        guard let code else { return false }
        var quoted = false
        var bracket = false
        for character in code.lowercased() {
            switch character {
            case "\"": quoted.toggle()
            case "[": bracket = true
            case "]": bracket = false
            case "d", "m", "y":
                // (A `where` would bind to "y" alone.)
                if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }
}
