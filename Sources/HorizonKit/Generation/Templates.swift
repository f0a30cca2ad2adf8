import Foundation
package import HorizonModel

/// The formats of a supplier template.
package enum TemplateFormat: String, Sendable, CaseIterable {
    case yaml, csv
}

/// Writes the templates a supplier fills in: a return or a bid, for exactly the contract's
/// clauses and parameters.
package enum TemplateWriter {
    /// One line of a template.
    package struct Entry {
        package var field: String
        package var value: String
        package var comment: String
        /// The field's type, for a workbook's validation of its cell.
        package var type: FieldType? = nil
    }

    /// The header fields of a document.
    static func header(_ contract: Contract, kind: DocumentKind, period: ReportingPeriod?) -> [Entry] {
        let schema = DocumentSchema.of(kind)
        return schema.header.map { field in
            // The schema's comment, unless the contract or the period says more.
            var entry = Entry(field: schema.id(field.name), value: "", comment: field.comment, type: field.type)
            switch field.name {
            case "contract": entry.value = contract.reference
            case "supplier": entry.value = contract.isAtTender ? "" : contract.supplier
            case "period_start":
                if let period {
                    entry.value = "\(period.start)"
                    entry.comment = "period \(period.number) of \(contract.periods.count)"
                }
            case "period_end":
                if let period {
                    entry.value = "\(period.end)"
                    entry.comment = "return due by \(period.due)"
                }
            default: break
            }
            return entry
        }
    }

    package static func entries(_ contract: Contract, library: Library, kind: DocumentKind, period: ReportingPeriod?) -> [Entry] {
        header(contract, kind: kind, period: period)
            + ScheduleBuilder.measures(contract, library: library, kind: kind).map { measure in
                var comment = "\(measure.meaning) (\(typeHint(measure.type))); clause \(measure.clauses.joined(separator: ", "))"
                if !measure.rules.isEmpty { comment += ". Judged: " + measure.rules.joined(separator: "; ") }
                return Entry(field: measure.field, value: "", comment: comment, type: FieldType(rawValue: measure.type))
            }
    }

    /// What a value of a field type looks like, for the template's comments (an exhaustive
    /// switch: a new field type must say).
    static func typeHint(_ name: String) -> String {
        guard let type = FieldType(rawValue: name) else { return "text" }
        switch type {
        case .bool: return "true or false"
        case .count: return "a whole number"
        case .percent: return "a whole number from 0 to 100"
        case .date: return "a date YYYY-MM-DD"
        case .path: return "the file name within your evidence folder"
        case .hex: return "the file's SHA-256, 64 hexadecimal characters"
        case .text: return "text"
        }
    }

    /// Writes a template.
    ///
    /// - Parameters:
    ///   - contract: The contract.
    ///   - library: Its library.
    ///   - kind: Return or bid.
    ///   - format: YAML (with comments) or CSV (`field,value`).
    ///   - period: The period whose dates to fill in, if any.
    ///   - filled: Values to write in, by field id, each with a comment saying where it came
    ///     from (the policy file's name and SHA-256, from `--evidence`).
    /// - Returns: The template's text.
    package static func render(
        _ contract: Contract, library: Library, kind: DocumentKind, format: TemplateFormat, period: ReportingPeriod? = nil,
        filled: [String: (value: String, comment: String)] = [:]
    ) -> String {
        var all = grouped(entries(contract, library: library, kind: kind, period: period))
        for index in all.indices {
            if let fill = filled[all[index].field] {
                all[index].value = fill.value
                all[index].comment += ". " + fill.comment
            }
        }
        switch format {
        case .csv:
            // The third column, 'about', says what each field means; the checker ignores it.
            var lines = [
                "field,value,about",
                "document,\(kind.rawValue),\(CSVText.quote("a \(kind.rawValue) for contract \(contract.reference); keep this row"))",
            ]
            for entry in all {
                let name = entry.field.hasPrefix("\(kind.rawValue).") ? String(entry.field.dropFirst(kind.rawValue.count + 1)) : entry.field
                lines.append("\(CSVText.quote(name)),\(CSVText.quote(entry.value)),\(CSVText.quote(oneLine(entry.comment)))")
            }
            return lines.joined(separator: "\n") + "\n"
        case .yaml:
            var lines: [String] = []
            let noun = kind == .return ? "Return" : "Bid"
            lines.append("# \(noun) for contract \(contract.reference): \(oneLine(contract.title))")
            lines.append("# Written by Horizon from clause library \(library.id) \(library.version), tier \(contract.tier).")
            lines.append("# Fill in every value, then check it before you send it:")
            lines.append("#   horizon check \(contract.file) THIS-FILE.yaml" + (kind == .return ? " --evidence YOUR-EVIDENCE-FOLDER" : ""))
            if kind == .return {
                lines.append("# Every figure is a count for the whole contract: never names, dates of birth, addresses or case details.")
            }
            var open: [String] = []
            for entry in all {
                let path = entry.field.split(separator: ".").map(String.init)
                let parents = Array(path.dropLast())
                var common = 0
                while common < min(open.count, parents.count) && open[common] == parents[common] { common += 1 }
                open = Array(open.prefix(common))
                for (depth, name) in parents.enumerated().dropFirst(common) {
                    if depth == 0 { lines.append("") }
                    lines.append(String(repeating: "  ", count: depth) + name + ":")
                    open.append(name)
                }
                let indent = String(repeating: "  ", count: parents.count)
                lines.append(indent + "# " + oneLine(entry.comment))
                let value = entry.value.isEmpty ? "" : " " + YAMLText.quoteIfNeeded(entry.value)
                lines.append(indent + path.last! + ":" + value)
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// The entries reordered so that fields of one group stand together (each YAML map is
    /// written once), groups in the order they first appear.
    package static func grouped(_ entries: [Entry]) -> [Entry] {
        var firstSeen: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let parts = entry.field.split(separator: ".")
            for depth in 1...parts.count {
                let prefix = parts.prefix(depth).joined(separator: ".")
                if firstSeen[prefix] == nil { firstSeen[prefix] = index }
            }
        }
        func key(_ entry: Entry) -> [Int] {
            let parts = entry.field.split(separator: ".")
            return (1...parts.count).map { firstSeen[parts.prefix($0).joined(separator: ".")]! }
        }
        return entries.sorted { key($0).lexicographicallyPrecedes(key($1)) }
    }

    package static func oneLine(_ text: String) -> String { collapse(text).trimmed }
}

/// Writing values into YAML so that they read back as the same text.
package enum YAMLText {
    package static func quoteIfNeeded(_ text: String) -> String {
        let plainSafe =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || " -_./()&'".unicodeScalars.contains(scalar)
            } && !text.hasPrefix(" ") && !text.hasSuffix(" ") && !text.hasPrefix("-") && !text.hasPrefix("&") && !text.hasPrefix("'")
        if plainSafe { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                // Control characters (C0, DEL, C1 with U+0085), the Unicode line and paragraph
                // separators and the byte-order mark are written as escapes: raw, YAML reads the
                // breaks as a line fold (eating the space after them) and refuses the rest.
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 || value == 0xFEFF {
                    let hex = String(value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
