package import HorizonModel

/// The board in the text report: a line counting contracts by standing, then a table each by
/// supplier, service and tier, and the clauses whose requirements were not met, the worst first.
extension Board {
    /// The board's part of the text summary.
    ///
    /// - Parameter quarter: The quarter's outcome, with `--period-ending`: its dates head the
    ///   contract count, and the tables count missing returns rather than contracts without any.
    package func text(quarter: QuarterOutcome?) -> String {
        var out = countLine(quarter: quarter)
        let judged = contracts.filter { $0.standing != .defective }
        guard !judged.isEmpty else { return out }
        let standings: [(Standing, String)] =
            [(.compliant, "compliant"), (.nonCompliant, "non-compliant"), (.invalid, "invalid")]
            + (quarter == nil ? [(.noReturns, "no returns")] : [(.missing, "missing"), (.noReturnDue, "no return due")])
        // The failing contracts, each with what kind of failure it is: a board's first question.
        let failingContracts = judged.filter { $0.standing.isFailing }.sorted {
            (Self.order($0.standing), $0.reference) < (Self.order($1.standing), $1.reference)
        }
        if !failingContracts.isEmpty {
            out += "Contracts failing, missing first (what kind of failure: the categories of their returns' errors):\n"
            var table = TextTable(header: ["contract", "supplier", "standing", "why"], left: 4)
            for row in failingContracts {
                table.add([
                    row.reference, (row.supplier ?? "").clipped, row.standing.rawValue,
                    row.categories.map(\.rawValue).joined(separator: ", "),
                ])
            }
            out += table.text
        }
        for (title, groups) in [("supplier", bySupplier), ("service", byService), ("tier", byTier)] {
            out +=
                "By \(title), worst first (contracts by standing; requirements not met, partly met or missing data over their returns):\n"
            var table = TextTable(header: [title, "contracts"] + standings.map(\.1) + ["returns", "all short"])
            for group in groups {
                table.add(
                    [group.name.isEmpty ? "(none)" : group.name.clipped, "\(group.contracts)"] + standings.map { "\(group.count($0.0))" }
                        + [
                            "\(group.returns)", "\(group.notMet)",
                        ])
            }
            out += table.text
        }
        let failing = byClause.filter { $0.notMet > 0 }
        if !byClause.isEmpty {
            out += "By clause, worst first (requirements over the returns; contracts with one not met, partly met or missing data):\n"
            if failing.isEmpty {
                out += "  every requirement of every clause met or not yet due\n"
            } else {
                var table = TextTable(
                    header: ["clause", "title", "met", "not met", "partly met", "data missing", "all short", "contracts"], left: 2)
                for row in failing {
                    table.add([
                        row.clause, row.title, "\(row.count(.met))", "\(row.count(.notMet))", "\(row.count(.partlyMet))",
                        "\(row.count(.dataMissing))", "\(row.notMet)", "\(row.contractsNotMet)",
                    ])
                }
                out += table.text
                if byClause.count > failing.count {
                    out += "  \(byClause.count - failing.count) other clause(s): every requirement met, not yet due or not applicable\n"
                }
            }
        }
        return out
    }

    /// Where a failing standing comes in the table of failing contracts.
    static func order(_ standing: Standing) -> Int {
        switch standing {
        case .missing: 0
        case .invalid: 1
        case .nonCompliant: 2
        case .defective: 3
        case .compliant, .noReturnDue, .noReturns: 4
        }
    }

    /// "12 contract(s) for the quarter 2027-07-01 to 2027-09-30: 9 compliant, …".
    func countLine(quarter: QuarterOutcome?) -> String {
        var line = "\(contracts.count) contract(s)"
        var parts = ["\(count(.compliant)) compliant", "\(count(.nonCompliant)) non-compliant", "\(count(.invalid)) invalid"]
        if let quarter {
            line += " for the quarter \(quarter.from) to \(quarter.to)"
            parts += ["\(count(.missing)) missing a return", "\(count(.noReturnDue)) with no return due"]
        } else {
            parts.append("\(count(.noReturns)) with no returns")
        }
        if count(.defective) > 0 { parts.append("\(count(.defective)) with errors, not judged") }
        return line + ": " + parts.joined(separator: ", ") + "\n"
    }
}

/// A table of text, its first column left-aligned and the rest right-aligned, indented two
/// spaces: what a terminal or a plain-text email shows in columns.
struct TextTable {
    var header: [String]
    /// How many columns, from the first, hold words (left-aligned) rather than numbers.
    var left: Int
    var rows: [[String]] = []

    init(header: [String], left: Int = 1) {
        self.header = header
        self.left = left
    }

    mutating func add(_ row: [String]) { rows.append(row.map(\.terminalSafe)) }

    var text: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var out = ""
        for row in all {
            var line = " "
            for (column, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                line += column < left ? " " + cell + pad : " " + pad + cell
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
