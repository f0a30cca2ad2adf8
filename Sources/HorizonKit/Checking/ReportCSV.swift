package import HorizonModel

/// The CSV report (`check --format csv`, issue #16): one tidy long table a spreadsheet opens as
/// it is — one row per document and requirement, with the grouping columns (supplier, service,
/// tier, commissioner) on every row so that a pivot table or filter needs nothing else, and the
/// finding codes that decided each requirement.
///
/// - UTF-8 with a byte order mark, so that Excel reads "Brighton & Hove" and "Café" right when
///   the file is opened by double-click; rows end in CRLF (RFC 4180).
/// - Every text cell from a contract or document goes through `CSVText.quote`: one that starts
///   with `=`, `+`, `-`, `@`, a tab or a carriage return gets an apostrophe before it, so no cell
///   is ever run as a formula (OWASP's CSV-injection guidance). Numbers are ours and written bare.
/// - A document with no requirement table (one that could not be read) has one row, its codes
///   in `finding_codes`; errors and warnings that no requirement row claims (a late submission,
///   a second return for a period) get a row of their own with requirement `-` and as status
///   the worst severity among them (`error`, `warning`); in a quarter run, each return that
///   never came is a row with verdict and status `missing`; a return the run found superseded
///   by a later one given after it has verdict `superseded`.
package enum ReportCSV {
    /// The columns, in order.
    package static let columns = [
        "file", "kind", "contract", "supplier", "bidder", "service", "tier", "commissioner", "period_start", "period_end", "due",
        "days_late", "verdict", "clause", "clause_number", "requirement", "status", "finding_codes", "categories",
    ]

    /// The first bytes of the report: the byte order mark and the header row.
    package static var head: String { "\u{FEFF}" + columns.joined(separator: ",") + "\r\n" }

    /// A row's cells before the requirement's: who and what, the period and the verdict.
    static func documentCells(_ report: DocumentReport) -> [String] {
        let parties = report.parties
        return [
            CSVText.quote(report.file), report.kind?.rawValue ?? "", CSVText.quote(report.contract),
            CSVText.quote(parties?.supplier ?? ""), CSVText.quote(parties?.bidder ?? ""), CSVText.quote(parties?.service ?? ""),
            parties?.tier ?? "", CSVText.quote(parties?.commissioner ?? ""), report.periodStart?.description ?? "",
            report.periodEnd?.description ?? "", parties?.due?.description ?? "", parties?.daysLate.map(String.init) ?? "",
            report.isSuperseded ? "superseded" : report.verdict.rawValue,
        ]
    }

    /// One document's rows.
    ///
    /// - Parameters:
    ///   - report: The report.
    ///   - numbers: Clause numbers of the contract.
    package static func rows(_ report: DocumentReport, numbers: [String: String]) -> String {
        // The document's cells are the same on each of its rows: quoted once. Built as bytes:
        // this runs for every requirement of every document of a portfolio.
        let head = documentCells(report).joined(separator: ",") + ","
        // Errors and warnings decide; an info never does.
        let deciding = report.findings.filter { $0.severity != .info }
        var claimed = [Bool](repeating: false, count: deciding.count)
        var out = TextBuffer(capacity: (head.utf8.count + 60) * (report.statuses.count + 1))
        func row(_ clause: String, _ number: String, _ requirement: String, _ status: String, _ findings: [Finding]) {
            out.add(head)
            out.add(clause)
            out.add(",")
            out.add(number)
            out.add(",")
            out.add(requirement)
            out.add(",")
            out.add(status)
            out.add(",")
            if !findings.isEmpty {
                out.add(unique(findings.map(\.code)))
                out.add(",")
                out.add(unique(findings.map { FindingCategory.of($0.code).rawValue }))
            } else {
                out.add(",")
            }
            out.add("\r\n")
        }
        if let layout = report.layout {
            for (i, (item, status)) in zip(layout.rows, report.statuses).enumerated() {
                var codes: [Finding] = []
                if !deciding.isEmpty {
                    let fields = i < layout.fields.count ? layout.fields[i] : []
                    for (j, finding) in deciding.enumerated() {
                        // A finding of the row's clause on one of its fields (or on none); or
                        // one of no clause, such as a wrong type, on one of its fields.
                        if let clause = finding.clause {
                            guard clause == item.clause, finding.field.map({ fields.isEmpty || fields.contains($0) }) ?? true else {
                                continue
                            }
                        } else {
                            guard let field = finding.field, fields.contains(field) else { continue }
                        }
                        codes.append(finding)
                        claimed[j] = true
                    }
                }
                row(item.clause, numbers[item.clause] ?? item.number, item.requirement, status.code, codes)
            }
        }
        let rest = zip(deciding, claimed).filter { !$0.1 }.map(\.0)
        if report.layout == nil || !rest.isEmpty {
            // No requirement's: its status is the worst severity among its findings, so that a
            // filter on status finds a late return too.
            let findings = report.layout == nil ? report.findings : rest
            let worst = findings.map(\.severity).min() ?? .info
            row("", "", "-", worst.rawValue, findings)
        }
        return out.string
    }

    /// The rows of returns that never came, in a quarter run.
    ///
    /// - Parameters:
    ///   - quarter: The quarter's outcome.
    ///   - contracts: The contracts given, by reference.
    package static func missingRows(_ quarter: QuarterOutcome, contracts: [String: Contract]) -> String {
        var out = ""
        for item in quarter.missing {
            let contract = contracts[item.contract]
            let cells = [
                "", "return", CSVText.quote(item.contract), CSVText.quote(contract?.supplier ?? ""), "",
                CSVText.quote(contract?.service.id ?? ""), contract?.tier ?? "", CSVText.quote(contract?.commissioner ?? ""),
                item.period.start.description, item.period.end.description, item.period.due.description, "", "missing", "", "", "-",
                "missing", "return-missing", FindingCategory.of("return-missing").rawValue,
            ]
            out += cells.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// Codes joined by spaces, each once, in first-seen order.
    static func unique(_ items: [String]) -> String {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }.joined(separator: " ")
    }
}
