package import HorizonModel

/// Reads a supplier document saved as CSV from a spreadsheet: two columns `field,value` with a
/// header row, one field a row, a `document` row that says `return` or `bid`.
///
/// Hand-written rather than taken from a CSV package because every value must keep its line and
/// column (the row's line, the value's column, in Unicode scalars) for findings, which the
/// packages on this machine do not give. RFC 4180 quoting is supported, including line breaks
/// inside quotes; blank lines are skipped; Excel's semicolon variant is recognised and refused
/// with a clear message.
package enum CSVReader {
    /// One parsed cell.
    package struct Cell {
        package var text: String
        package var location: SourceLocation

        package init(text: String, location: SourceLocation) {
            self.text = text
            self.location = location
        }
    }

    /// Splits CSV text into rows of located cells.
    static func rows(_ bytes: [UInt8], file: String, limits: ReadLimits) throws(InputError) -> [[Cell]] {
        try TextChecks.checkSize(bytes.count, file: file, limits: limits)
        try TextChecks.rejectOtherEncodings(bytes, file: file)
        var checker = JSONReader.Parser(bytes: bytes, file: file, limits: limits)
        checker.index = TextChecks.utf8BOMLength(bytes)
        try checker.validateUTF8()
        var rows: [[Cell]] = []
        var row: [Cell] = []
        var field: [UInt8] = []
        var index = TextChecks.utf8BOMLength(bytes)
        var line = 1
        var column = 1
        var cellStart = SourceLocation(file: file, line: 1, column: 1)
        var quoted = false
        var wasQuoted = false
        var afterQuote = false

        func advance(_ byte: UInt8) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        // Every cell counts toward the value limit, as every YAML or JSON value does: a file of
        // one long row is bounded as a file of many rows is.
        var cells = 0
        func endCell() throws(InputError) {
            cells += 1
            if cells > limits.maxNodes {
                throw InputError("too-many-nodes", "the file holds more than \(limits.maxNodes) values", at: cellStart)
            }
            row.append(Cell(text: String(decoding: field, as: UTF8.self), location: cellStart))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            afterQuote = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        advance(byte)
                        index += 1
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    field.append(byte)
                }
                advance(byte)
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                try endCell()
                advance(byte)
                index += 1
                cellStart = SourceLocation(file: file, line: line, column: column)
            case 0x0D, 0x0A:
                try endCell()
                rows.append(row)
                row = []
                if byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                line += 1
                column = 1
                index += 1
                cellStart = SourceLocation(file: file, line: line, column: column)
            case UInt8(ascii: "\""):
                if field.isEmpty && !wasQuoted {
                    quoted = true
                    wasQuoted = true
                } else {
                    throw InputError(
                        "csv-syntax", "a quote inside an unquoted value; put the whole value in quotes and double the quote",
                        at: SourceLocation(file: file, line: line, column: column))
                }
                advance(byte)
                index += 1
            default:
                if afterQuote {
                    throw InputError(
                        "csv-syntax", "text after a closing quote; a quoted value must end at ',' or the end of the line",
                        at: SourceLocation(file: file, line: line, column: column))
                }
                field.append(byte)
                advance(byte)
                index += 1
            }
        }
        if quoted {
            throw InputError("csv-syntax", "a quoted value is never closed", at: cellStart)
        }
        if !field.isEmpty || !row.isEmpty || wasQuoted {
            try endCell()
            rows.append(row)
        }
        // Drop blank lines: a row of one empty unquoted cell.
        return rows.filter { !($0.count == 1 && $0[0].text.isEmpty) }
    }

    /// Reads a CSV supplier document.
    /// Refuses a semicolon-separated export (a spreadsheet's regional setting), told by its
    /// first line: semicolons outside quotes and no comma, whatever the number of columns and
    /// whether or not the cells are quoted. Read before the rows, whose quoting it would confuse.
    static func rejectSemicolons(_ bytes: [UInt8], file: String) throws(InputError) {
        var semicolons = 0
        var inQuotes = false
        for byte in bytes.dropFirst(TextChecks.utf8BOMLength(bytes)) {
            if byte == 0x0A || byte == 0x0D { break }
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == UInt8(ascii: ",") { return }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        if semicolons > 0 {
            throw InputError(
                "csv-semicolon",
                "the file is separated by semicolons (a spreadsheet's regional setting), not commas: save it again as comma-separated (in Excel, Save As 'CSV UTF-8 (Comma delimited)'; in LibreOffice, Save As 'Text CSV' with ',' as the field delimiter)",
                at: .start(of: file))
        }
    }

    static func document(
        _ bytes: [UInt8], file: String, limits: ReadLimits, sha256: String?, table: FieldTable = .headerOnly
    ) throws(InputError)
        -> SupplierDocument
    {
        try rejectSemicolons(bytes, file: file)
        return try document(rows: try rows(bytes, file: file, limits: limits), file: file, sha256: sha256, table: table)
    }

    /// Builds a document from rows of located cells: a CSV file's, or a workbook sheet's
    /// (`field | value | about`, one field a row, a `document` row).
    ///
    /// A blank value is located at its field's name in CSV (the row has no value cell to point
    /// at); `blankAtValue` locates it at the value cell instead, for a sheet, where that cell is
    /// the one to type in.
    package static func document(
        rows: [[Cell]], file: String, sha256: String?, table: FieldTable = .headerOnly, blankAtValue: Bool = false
    ) throws(InputError) -> SupplierDocument {
        guard let header = rows.first else {
            throw InputError("empty-file", "the file is empty; a CSV return starts with the row 'field,value'", at: .start(of: file))
        }
        let names = header.map { $0.text.trimmed.lowercased() }
        guard names.count >= 2, names[0] == "field", names[1] == "value" else {
            throw InputError("csv-header", "the first row must be 'field,value' (or 'field,value,about')", at: header[0].location)
        }
        // A third column headed 'about' (the template's explanation of each field) is ignored.
        let ignored = names.count >= 3 && names[2] == "about" ? 3 : 2
        var kind: DocumentKind?
        var kindLocation = header[0].location
        var entries: [(String, Cell, Cell)] = []
        var seen: [String: SourceLocation] = [:]
        for row in rows.dropFirst() {
            let name = row[0].text.trimmed
            if row.count > ignored && row.dropFirst(ignored).contains(where: { !$0.text.trimmed.isEmpty }) {
                let value = row.count > 1 ? row[1].text.trimmed : ""
                let extra = row[ignored].text.trimmed
                if ignored == 2, !value.isEmpty, value.allSatisfy(\.isNumber), extra.count == 3, extra.allSatisfy(\.isNumber) {
                    throw InputError(
                        "csv-columns",
                        "'\(value),\(extra)' reads as two columns; write the number without a thousands separator (\(value)\(extra))",
                        at: row[1].location)
                }
                throw InputError(
                    "csv-columns", "this row has \(row.count) columns; each row is 'field,value' (quote a value that holds a comma)",
                    at: row[ignored].location)
            }
            guard !name.isEmpty else {
                if row.count > 1 && !row[1].text.trimmed.isEmpty {
                    throw InputError("csv-columns", "this row has a value but no field name", at: row[0].location)
                }
                continue
            }
            let value = row.count > 1 ? row[1] : Cell(text: "", location: row[0].location)
            if let first = seen[name] {
                throw InputError(
                    "duplicate-key",
                    "field \(PersonalData.quoted(name)) is given twice; a repeated row would silently replace the first value",
                    at: row[0].location, notes: [Note("\(PersonalData.quoted(name)) first appears here", at: first)])
            }
            seen[name] = row[0].location
            if name == "document" {
                guard let known = DocumentKind(rawValue: value.text.trimmed) else {
                    throw InputError("wrong-document-kind", "the document row must say 'return' or 'bid'", at: value.location)
                }
                kind = known
                kindLocation = row[0].location
                continue
            }
            entries.append((name, row[0], value))
        }
        guard let kind else {
            throw InputError("not-a-document", "no 'document' row says whether this is a 'return' or a 'bid'", at: kindLocation)
        }
        // A header field is written by its bare name in CSV; the return's names include the bid's.
        let headerNames = Set(DocumentSchema.return.header.map(\.name))
        var builder = DocumentBuilder(table: table)
        for (name, key, value) in entries {
            let id = headerNames.contains(name) ? kind.rawValue + "." + name : name
            var text = value.text.trimmed
            // A value the template wrote with an apostrophe so that a spreadsheet would not read
            // it as a formula ("'=…") is read as the text after the apostrophe.
            if text.hasPrefix("'"), CSVText.startsFormula(text) {
                text = String(text.unicodeScalars.dropFirst())
            }
            let read = DocumentValue(
                text: text, isNull: text.isEmpty, structure: nil,
                location: text.isEmpty && !blankAtValue ? key.location : value.location, keyLocation: key.location)
            if let first = builder.record(id, read) {
                throw InputError(
                    "duplicate-key",
                    "field \(PersonalData.quoted(id)) is given twice (\(PersonalData.quoted(name))); a repeated row would silently replace the first value",
                    at: key.location,
                    notes: [Note("\(PersonalData.quoted(id)) first appears here", at: first.keyPosition.location(in: file))])
            }
        }
        return builder.document(file: file, kind: kind, sha256: sha256)
    }
}
