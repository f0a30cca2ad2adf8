package import HorizonModel

/// The SARIF report (`check --format sarif`, issue #16): SARIF 2.1.0, the format code-scanning
/// services and editors read, for a supplier who checks returns in its own CI or editor.
///
/// One run; each finding a result whose `ruleId` is the finding code. One code can serve many
/// clauses (`missing-field`) and one clause has a different number in each contract, so each
/// result's `properties` carry the contract, the clause id, its number in that contract, its
/// title and its words as the contract holds them, and the finding's category. Columns are
/// Unicode characters, as in every Horizon report (`columnKind: unicodeCodePoints`); a
/// workbook's sheet and cell are in the result's properties. Written a piece at a time like the
/// JSON report: the results as documents are judged, then the rules the results used, each
/// described by the README's code tables (`FindingCodes`) or, for a code of the library's rules,
/// by what its requirement asks.
package enum ReportSARIF {
    /// A clause as one contract holds it.
    package struct ClauseWords: Sendable {
        package var number: String
        package var title: String
        package var text: String
    }

    /// Each clause of a contract, by id, with the contract's numbers and parameter values.
    package static func clauses(of contract: Contract) -> [String: ClauseWords] {
        var out: [String: ClauseWords] = [:]
        for clause in contract.clauses {
            out[clause.id] = ClauseWords(
                number: contract.numbers[clause.id] ?? "", title: clause.title,
                text: clause.text.map { $0.words(of: clause, parameters: contract.parameters, numbers: contract.numbers) }.joined(
                    separator: "\n"))
        }
        return out
    }

    /// Everything before the first result.
    package static let head =
        "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\"columnKind\":\"unicodeCodePoints\",\"results\":[\n"

    /// One document's results, each on a line of its own and followed by a comma but the last
    /// of the run (the caller joins them).
    ///
    /// - Parameters:
    ///   - report: The report.
    ///   - clauses: The clauses of its contract.
    package static func results(_ report: DocumentReport, clauses: [String: ClauseWords]) -> [String] {
        report.findings.map { result($0, contract: report.contract, clauses: clauses) }
    }

    /// One finding as a result.
    package static func result(_ finding: Finding, contract: String, clauses: [String: ClauseWords]) -> String {
        var out = JSONOut()
        out.object { o in
            o.key("ruleId")
            o.string(finding.code)
            o.key("level")
            o.string(level(finding.severity))
            o.key("message")
            o.object { m in
                m.key("text")
                m.string(finding.message)
            }
            o.key("locations")
            o.array([finding.location]) { a, location in
                a.object { l in
                    l.key("physicalLocation")
                    l.object { p in
                        p.key("artifactLocation")
                        p.object { u in
                            u.key("uri")
                            u.string(uri(location.file))
                            // Relative to where the run was made (SARIF §3.4.4): no machine path.
                            u.key("uriBaseId")
                            u.string("SRCROOT")
                        }
                        p.key("region")
                        p.object { r in
                            r.key("startLine")
                            r.int(max(1, location.line))
                            r.key("startColumn")
                            r.int(max(1, location.column))
                        }
                    }
                }
            }
            o.key("properties")
            o.object { p in
                p.key("contract")
                p.string(contract.isEmpty ? nil : contract)
                p.key("category")
                p.string(FindingCategory.of(finding.code).rawValue)
                let words = finding.clause.flatMap { clauses[$0] }
                p.key("clause")
                p.string(finding.clause)
                p.key("clause_number")
                p.string(words?.number)
                p.key("clause_title")
                p.string(words?.title)
                p.key("clause_text")
                p.string(words?.text)
                p.key("field")
                p.string(finding.field)
                if let sheet = finding.location.sheet, let cell = finding.location.cell {
                    p.key("sheet")
                    p.string(sheet)
                    p.key("cell")
                    p.string(cell)
                }
            }
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Everything after the last result: the tool, with a rule for each code the results used.
    ///
    /// - Parameters:
    ///   - codes: The codes used, in any order.
    ///   - library: The clause library, for the codes of its rules.
    package static func tail(codes: Set<String>, library: Library) -> String {
        var summaries: [String: String] = [:]
        for clause in library.clauses {
            for requirement in clause.requirements {
                for rule in requirement.rules where summaries[rule.code] == nil {
                    summaries[rule.code] = "\(clause.id): \(requirement.summary)"
                }
            }
        }
        let meanings = Dictionary(FindingCodes.all.map { ($0.code, $0.meaning) }, uniquingKeysWith: { a, _ in a })
        var out = JSONOut()
        out.object { o in
            o.key("driver")
            o.object { d in
                d.key("name")
                d.string("horizon")
                d.key("version")
                d.string(ReportJSON.toolVersion)
                d.key("rules")
                d.array(codes.sorted()) { a, code in
                    a.object { r in
                        r.key("id")
                        r.string(code)
                        r.key("shortDescription")
                        r.object { t in
                            t.key("text")
                            t.string(meanings[code].map(plain) ?? summaries[code] ?? code)
                        }
                    }
                }
            }
        }
        return "\n],\"tool\":\(String(decoding: out.bytes, as: UTF8.self))}]}\n"
    }

    /// SARIF's level of a severity.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A file's path as a relative URI reference: each byte outside RFC 3986's unreserved
    /// characters and `/` percent-encoded, so that a space or `#` in a name stays part of it.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// A README meaning without its Markdown: backticks removed.
    static func plain(_ text: String) -> String { text.filter { $0 != "`" } }
}
