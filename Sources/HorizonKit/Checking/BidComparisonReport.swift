package import HorizonModel

/// Bids side by side as text (a table a tender, bidders across), CSV (one row per bid and
/// requirement, for a spreadsheet) or JSON (`Schemas/compare-bids.schema.json`).
extension BidComparison {
    /// A cell of the text table: "90% (+10)", "22 (+3)", "2026-08-31 (+28 days)", "in place
    /// (+90 days)", "yes", or the status where the requirement compares with no minimum; "NOT
    /// MET" after a commitment short of it. A percentage's margin is in points.
    static func words(_ cell: Cell, type: FieldType?) -> String {
        guard let committed = cell.committed else {
            guard cell.minimum != nil else { return cell.status.code }
            return meeting.contains(cell.status) ? "not given" : "not given NOT MET"
        }
        var text = committed + (type == .percent ? "%" : "")
        if let margin = cell.margin {
            let unit = type == .date || type == .bool ? " days" : ""
            text += margin > 0 ? " (+\(margin)\(unit))" : " (\(margin)\(unit))"
        }
        if !meeting.contains(cell.status) { text += " NOT MET" }
        return text
    }

    /// A minimum in words, with "%" for a percentage ("at least 80%").
    static func minimum(_ text: String?, type: FieldType?) -> String {
        guard let text else { return "" }
        return type == .percent ? text + "%" : text
    }

    /// The text report: a table a tender.
    ///
    /// - Parameter library: The library, for each committed field's type (its unit).
    package func text(library: Library) -> String {
        var out = ""
        for tender in tenders {
            out +=
                "\(tender.contract) \(tender.title.terminalSafe) (\(tender.tier) tier), \(tender.commissioner.terminalSafe): \(tender.bids.count) bid(s)\n"
            out += "Side by side, never ranked: the evaluation panel scores the bids by the method it published.\n"
            let names = tender.bids.map { ($0.bidder ?? "(bidder not given)").clipped }
            var table = TextTable(header: ["requirement", "minimum"] + names, left: 2 + names.count)
            for (i, row) in tender.rows.enumerated() {
                // The field a minimum compares: the same in every bid.
                let field = tender.bids.lazy.compactMap { $0.cells.isEmpty ? nil : $0.cells[i].field }.first
                let type = field.flatMap { library.field($0)?.type }
                table.add(
                    ["\(row.number) \(row.clause) \(row.requirement)", Self.minimum(row.minimum, type: type)]
                        + tender.bids.map { $0.cells.isEmpty ? "-" : Self.words($0.cells[i], type: type) })
            }
            table.add(["meets every minimum", ""] + tender.bids.map { $0.meetsEveryMinimum ? "yes" : "no" })
            table.add(["verdict", ""] + tender.bids.map(\.verdict.rawValue))
            out += table.text
            // The files under the table, so that long paths do not widen its columns.
            for (name, bid) in zip(names, tender.bids) { out += "  \(name): \(bid.file.terminalSafe)\n" }
        }
        if tenders.isEmpty { out += "no bids to compare\n" }
        return out
    }

    /// The CSV report: byte order mark, CRLF, formula-safe cells (as `ReportCSV`).
    package var csv: String {
        let columns = [
            "contract", "bidder", "file", "verdict", "meets_every_minimum", "clause", "clause_number", "requirement", "summary",
            "committed", "minimum", "margin", "status",
        ]
        var out = "\u{FEFF}" + columns.joined(separator: ",") + "\r\n"
        for tender in tenders {
            for bid in tender.bids {
                let head = [
                    CSVText.quote(tender.contract), CSVText.quote(bid.bidder ?? ""), CSVText.quote(bid.file), bid.verdict.rawValue,
                    bid.meetsEveryMinimum ? "yes" : "no",
                ]
                guard !bid.cells.isEmpty else {
                    out += (head + ["", "", "", "", "", "", "", ""]).joined(separator: ",") + "\r\n"
                    continue
                }
                for (row, cell) in zip(tender.rows, bid.cells) {
                    let cells = [
                        row.clause, row.number, row.requirement, CSVText.quote(row.summary), CSVText.quote(cell.committed ?? ""),
                        CSVText.quote(cell.minimum ?? row.minimum ?? ""), cell.margin.map(String.init) ?? "", cell.status.code,
                    ]
                    out += (head + cells).joined(separator: ",") + "\r\n"
                }
            }
        }
        return out
    }

    /// The JSON report.
    package func json(library: Library) -> String {
        var out = JSONOut()
        out.object { o in
            o.key("tool")
            o.write(ReportJSON.Tool())
            o.key("library")
            o.write(ReportJSON.LibraryVersion(id: library.id, version: library.version))
            o.key("tenders")
            o.array(tenders) { a, tender in
                a.object { t in
                    for (key, value) in [
                        ("contract", tender.contract), ("title", tender.title), ("commissioner", tender.commissioner),
                        ("service", tender.service), ("tier", tender.tier),
                    ] {
                        t.key(named: key)
                        t.string(value)
                    }
                    t.key("requirements")
                    t.array(tender.rows) { a, row in
                        a.object { r in
                            for (key, value) in [
                                ("clause", row.clause), ("number", row.number), ("requirement", row.requirement), ("summary", row.summary),
                            ] {
                                r.key(named: key)
                                r.string(value)
                            }
                            r.key("minimum")
                            r.string(row.minimum)
                        }
                    }
                    t.key("bids")
                    t.array(tender.bids) { a, bid in
                        a.object { b in
                            b.key("file")
                            b.string(bid.file)
                            b.key("bidder")
                            b.string(bid.bidder)
                            b.key("verdict")
                            b.string(bid.verdict.rawValue)
                            b.key("meets_every_minimum")
                            b.bool(bid.meetsEveryMinimum)
                            b.key("commitments")
                            b.array(Array(zip(tender.rows, bid.cells))) { a, pair in
                                let (row, cell) = pair
                                a.object { c in
                                    c.key("clause")
                                    c.string(row.clause)
                                    c.key("requirement")
                                    c.string(row.requirement)
                                    c.key("committed")
                                    c.string(cell.committed)
                                    c.key("minimum")
                                    c.string(cell.minimum)
                                    c.key("margin")
                                    c.int(cell.margin)
                                    c.key("status")
                                    c.string(cell.status.code)
                                }
                            }
                        }
                    }
                }
            }
        }
        return String(decoding: out.bytes, as: UTF8.self) + "\n"
    }
}
