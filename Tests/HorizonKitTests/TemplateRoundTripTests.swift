import Foundation
import HorizonKit
import HorizonModel
import PropertyBased
import Testing

// A template is valid for its format whatever the contract holds: for a supplier name and a
// contract title made of the pieces that have broken templates before — Unicode line breaks
// (U+0085, U+2028, U+2029), control characters, words YAML would read as null or boolean, YAML
// indicator characters, characters that start a spreadsheet formula, quotes and backslashes —
// the return template, in YAML and in CSV, reads back with exactly the supplier and contract
// reference the contract holds. The title appears only in the YAML template's first comment, so a
// line break there would turn the rest of the line into YAML; the read must still succeed.

/// What the strings are made of: ordinary words, and the pieces that have broken templates.
private let pieces: [String] = [
    "Trust", "Ltd", "A", "b", "7", "2027", " ", "  ", "é", "名", "👩🏽‍⚕️",
    "null", "Null", "~", "true", "false", "yes", "No", "off", "0x1F", "1e3", ".inf",
    "-", "? ", ": ", "#", " #", "&a", "*a", "!tag", "|", ">", "'", "'-", "'=", "\"", "%", "@", "`", "{", "}", "[", "]", ",",
    "=", "+", "=SUM(A1)", "\t", "\r", "\n", "\r\n", "\\", "\\n",
    "\u{85}", "\u{2028}", "\u{2029}", "\u{1B}[31m", "\u{7}", "\u{0}", "\u{7F}", "\u{9B}", "\u{202E}", "\u{FEFF}",
]

private let text = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 1...6).map { $0.joined() }

/// `text` as a double-quoted YAML scalar: every character outside printable ASCII as an escape.
private func yamlQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case " "..."~": out.unicodeScalars.append(scalar)
        default: out += String(format: "\\U%08X", scalar.value)
        }
    }
    return out + "\""
}

@Suite("Templates round-trip whatever the contract holds")
struct TemplateRoundTripTests {
    static let spec: String = {
        let url = Fixtures.packageRoot.appendingPathComponent("Contracts/housing-related-support.yaml")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test("for generated supplier names and titles, the YAML and CSV templates read back the supplier and reference")
    func roundTrip() async throws {
        #expect(Self.spec.contains("supplier: Example Housing Trust"))
        let accepted = Counter()
        await propertyCheck(count: 400, input: text, text) { supplier, title in
            let contractText = Self.spec
                .replacingOccurrences(of: "supplier: Example Housing Trust", with: "supplier: \(yamlQuoted(supplier))")
                .replacingOccurrences(of: "title: Housing-related support for young people", with: "title: \(yamlQuoted(title))")
            let (resolved, findings) = try Shipped.resolve(contractText)
            // A contract the loader refuses (a supplier that is blank once trimmed, say) makes no
            // template; the property is about the contracts it accepts.
            guard let contract = resolved, !findings.contains(where: { $0.severity == .error }) else { return }
            accepted.add()
            for format in [TemplateFormat.yaml, .csv] {
                let template = TemplateWriter.render(
                    contract, library: Shipped.library, kind: .return, format: format, period: contract.periods[0])
                let file = format == .yaml ? "t.yaml" : "t.csv"
                let document = try DocumentReader.parse(Array(template.utf8), file: file)
                let read = document["return.supplier"]?.text ?? ""
                #expect(
                    read == contract.supplier,
                    "\(format): read \(scalars(read)), the contract holds \(scalars(contract.supplier))\n\(template.prefix(900))")
                #expect(document["return.contract"]?.text == contract.reference, "\(format)")
            }
        }
        // Most generated names are accepted; a property checked on none would prove nothing.
        #expect(accepted.value >= 100, "only \(accepted.value) of 400 generated contracts were accepted")
    }
}

/// A string's scalars in hexadecimal, so that a failure shows exactly what was read.
private func scalars(_ text: String) -> String { text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ") }

/// A count shared with the property's closure.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
