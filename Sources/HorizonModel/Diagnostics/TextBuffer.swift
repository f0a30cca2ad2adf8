/// UTF-8 text built by appending, made a `String` once at the end.
package struct TextBuffer {
    package var bytes: [UInt8] = []

    package init(capacity: Int) { bytes.reserveCapacity(capacity) }

    package mutating func add(_ text: String) {
        // In place, for every native string (a copy to make it contiguous cost a retain and a
        // release per piece of every report).
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) != nil { return }
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Bytes of UTF-8 text.
    package mutating func add(_ text: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: text) }

    package mutating func add(_ number: Int) { bytes.appendDecimal(number) }

    /// Text from an input (a value, a key, a file name), made safe for a terminal.
    package mutating func addVisible(_ text: String) { add(text.terminalSafe) }

    package mutating func add(_ location: SourceLocation) {
        addVisible(location.file)
        add(":")
        if let sheet = location.sheet, let cell = location.cell {
            addVisible(sheet)
            add("!")
            add(cell)
            return
        }
        add(location.line)
        add(":")
        add(location.column)
    }

    /// A finding in the compiler convention (`file:line:column: severity[code] message`, notes
    /// on lines of their own). With the contract's clause numbers, the message starts with its
    /// clause and number (`DA-TRN-1 (clause 4.1): …`), as check reports write it.
    package mutating func add(_ finding: Finding, numbers: [String: String]? = nil) {
        add(finding.location)
        add(": ")
        add(finding.severity.rawValue)
        add("[")
        add(finding.code)
        add("] ")
        if let numbers, let clause = finding.clause {
            add(clause)
            if let number = numbers[clause] {
                add(" (clause ")
                add(number)
                add(")")
            }
            add(": ")
        }
        // Messages quote values, keys and file names from the inputs.
        addVisible(finding.message)
        for note in finding.notes {
            add("\n")
            add(note.location)
            add(": note: ")
            addVisible(note.message)
        }
    }

    package var string: String { String(decoding: bytes, as: UTF8.self) }
}
