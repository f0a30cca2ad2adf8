package import HorizonModel

/// The manifest written beside a generated schedule: which library and clause versions were
/// used, and the SHA-256 of every input and output, so that a later check can prove which
/// words were agreed.
package enum Manifest {
    /// Writes the manifest as JSON, keys in a fixed order.
    ///
    /// - Parameters:
    ///   - contract: The contract.
    ///   - library: Its library.
    ///   - inputs: Each input file and its SHA-256.
    ///   - outputs: Each output file (by name) and its SHA-256.
    /// - Returns: The JSON text, ending in a newline.
    package static func json(
        _ contract: Contract, library: Library, inputs: [(path: String, sha256: String)], outputs: [(path: String, sha256: String)]
    ) -> String {
        var lines: [String] = ["{"]
        lines.append("  \"generator\": \"horizon 1.0.0\",")
        lines.append("  \"contract\": \(JSONText.string(contract.reference)),")
        lines.append("  \"tier\": \(JSONText.string(contract.tier)),")
        lines.append("  \"library\": { \"id\": \(JSONText.string(library.id)), \"version\": \(JSONText.string(library.version)) },")
        lines.append("  \"clauses\": [")
        lines.append(
            contract.clauses.map { clause in
                "    { \"id\": \(JSONText.string(clause.id)), \"version\": \(JSONText.string(clause.version)), \"number\": \(JSONText.string(contract.numbers[clause.id] ?? "")) }"
            }.joined(separator: ",\n"))
        lines.append("  ],")
        lines.append("  \"omitted\": [")
        lines.append(
            contract.omitted.map { "    { \"id\": \(JSONText.string($0.id)), \"reason\": \(JSONText.string($0.reason)) }" }.joined(
                separator: ",\n"))
        lines.append("  ],")
        lines.append("  \"parameters\": {")
        lines.append(
            contract.parameters.keys.sorted().map { key in
                let value = contract.parameters[key]!
                let json: String
                switch value {
                case .int(let number): json = String(number)
                case .text(let text): json = JSONText.string(text)
                }
                return "    \(JSONText.string(key)): \(json)"
            }.joined(separator: ",\n"))
        lines.append("  },")
        func files(_ list: [(path: String, sha256: String)]) -> String {
            list.map { "    { \"path\": \(JSONText.string($0.path)), \"sha256\": \(JSONText.string($0.sha256)) }" }.joined(separator: ",\n")
        }
        lines.append("  \"inputs\": [")
        lines.append(files(inputs))
        lines.append("  ],")
        lines.append("  \"outputs\": [")
        lines.append(files(outputs))
        lines.append("  ]")
        lines.append("}")
        return lines.filter { !$0.isEmpty }.joined(separator: "\n") + "\n"
    }
}

/// JSON string literals.
package enum JSONText {
    /// A JSON string literal with every character that needs it escaped.
    package static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
