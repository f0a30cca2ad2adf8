internal import HorizonModel

/// Checks on raw input bytes shared by the YAML, JSON and CSV readers.
enum TextChecks {
    static func checkSize(_ count: Int, file: String, limits: ReadLimits) throws(InputError) {
        if count > limits.maxBytes {
            throw InputError(
                "too-large", "the file is \(count) bytes, more than the limit of \(limits.maxBytes) (raise it with --max-input-size)",
                at: .start(of: file))
        }
    }

    /// What to do about a file in another encoding, in the words of the programs that wrote it.
    static let saveAsUTF8 = "save it again as UTF-8 (Excel: Save As 'CSV UTF-8 (Comma delimited)'; Notepad: Save As with Encoding 'UTF-8')"

    /// 3 when the bytes start with a UTF-8 byte order mark, else 0.
    static func utf8BOMLength(_ bytes: [UInt8]) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// Refuses UTF-16 and UTF-32 files, which a spreadsheet or Notepad may write.
    static func rejectOtherEncodings(_ bytes: [UInt8], file: String) throws(InputError) {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw InputError(
                "invalid-encoding", "the file is saved as 'Unicode' (UTF-16), which Horizon does not read: \(saveAsUTF8)",
                at: .start(of: file))
        }
    }

    /// Refuses a spreadsheet saved in its own format (given a `.csv`, `.yaml` or any name): an
    /// Excel workbook or OpenDocument spreadsheet (a ZIP archive) or an Excel 97–2003 workbook
    /// (an OLE2 compound file), told by their first bytes, with what to do instead.
    static func rejectSpreadsheets(_ bytes: [UInt8], file: String) throws(InputError) {
        let save =
            "in the spreadsheet, choose Save As and pick 'Excel Workbook (.xlsx)' (or 'CSV UTF-8 (Comma delimited)'), and check that file"
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // An OpenDocument file stores its type first, uncompressed, as the entry 'mimetype'.
            let head = String(decoding: bytes.prefix(120), as: UTF8.self)
            let what =
                head.contains("opendocument.spreadsheet")
                ? "an OpenDocument spreadsheet (.ods)"
                : head.contains("opendocument") ? "an OpenDocument file" : "a zipped file Horizon does not read"
            throw InputError(
                "spreadsheet-file", "this is \(what), not an Excel workbook, CSV, YAML or JSON file: \(save)", at: .start(of: file))
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw InputError(
                "spreadsheet-file",
                "this is an Excel 97-2003 workbook (.xls), a password-protected workbook or another old Office file, which Horizon does not read: remove any password, then \(save)",
                at: .start(of: file))
        }
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    static func location(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String, from start: Int = 0) -> SourceLocation {
        var line = 1
        var column = 1
        var index = start
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Whether the leading white space of a 1-based line holds a tab.
    static func lineHasTabIndent(line target: Int, in bytes: UnsafeBufferPointer<UInt8>, skip: Int) -> Bool {
        var line = 1
        var index = skip
        while index < bytes.count && line < target {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
        while index < bytes.count {
            switch bytes[index] {
            case 0x09: return true
            case 0x20: index += 1
            default: return false
            }
        }
        return false
    }

    static func hex(_ value: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" + digits : digits)
    }
}
