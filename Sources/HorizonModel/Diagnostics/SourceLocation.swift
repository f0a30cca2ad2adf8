/// A place in an input file.
///
/// Lines and columns are 1-based. Columns count Unicode scalars, as libyaml counts them; the
/// CSV and JSON readers use the same unit so that every finding points the same way.
package struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    package var file: String
    /// The 1-based line.
    package var line: Int
    /// The 1-based column, in Unicode scalars.
    package var column: Int
    /// For a spreadsheet, the sheet: the line is then the row and the column the column's
    /// number, written as a cell (`Return!B14`).
    package var sheet: String? = nil

    /// The cell's name, `B14`, for a location in a sheet.
    package var cell: String? {
        guard sheet != nil else { return nil }
        var letters = ""
        var n = column
        while n > 0 {
            let digit = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            n = (n - 1) / 26
        }
        return letters + String(line)
    }

    /// Creates a location.
    ///
    /// - Parameters:
    ///   - file: The file as the user named it.
    ///   - line: The 1-based line.
    ///   - column: The 1-based column.
    package init(file: String, line: Int, column: Int, sheet: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.sheet = sheet
    }

    /// The start of a file: where a finding about something missing points.
    ///
    /// - Parameter file: The file as the user named it.
    /// - Returns: Line 1, column 1 of `file`.
    package static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    /// `file:line:column`, the compiler convention.
    /// `file:line:column`, the compiler convention; `file:Sheet!B14` for a cell of a sheet.
    package var description: String {
        if let sheet, let cell { return "\(file):\(sheet)!\(cell)" }
        return "\(file):\(line):\(column)"
    }

    package static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.sheet ?? "", lhs.line, lhs.column) < (rhs.file, rhs.sheet ?? "", rhs.line, rhs.column)
    }
}

/// A value with the place it was written.
package struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    package var value: Value
    /// Where it was written.
    package var location: SourceLocation

    /// Creates a located value.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - location: Where it was written.
    package init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
