package import HorizonModel

/// The JSON report (SPEC §7), as types: the one shape, whatever the number of documents — an
/// envelope with the tool and library versions, the documents and the summary. Keys are
/// snake_case; values such as `non-compliant` and `not-met` are kebab-case codes.
///
/// `horizon check --format json` writes it a piece at a time (`ReportJSON.head`, each
/// document, `ReportJSON.tail`), so that memory stays flat over a portfolio; the pieces are the
/// encoding of `Envelope`, as a test checks.
package enum ReportJSON {
    /// The version of Horizon, reported in every JSON report.
    package static let toolVersion = "2.0.0"

    package struct Envelope: JSONWritable {
        package var tool: Tool
        package var library: LibraryVersion
        package var documents: [Document]
        package var summary: Summary

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("tool")
                o.write(tool)
                o.key("library")
                o.write(library)
                o.key("documents")
                o.array(documents) { $0.write($1) }
                o.key("summary")
                o.write(summary)
            }
        }
    }

    package struct Tool: JSONWritable, Equatable {
        package var name = "horizon"
        package var version = ReportJSON.toolVersion

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("name")
                o.string(name)
                o.key("version")
                o.string(version)
            }
        }
    }

    package struct LibraryVersion: JSONWritable, Equatable {
        package var id: String
        package var version: String

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("id")
                o.string(id)
                o.key("version")
                o.string(version)
            }
        }
    }

    package struct Document: JSONWritable {
        package var verdict: String
        package var contract: String?
        package var document: About
        package var requirements: [Requirement]
        package var kpis: [KPI]
        package var findings: [FindingJSON]

        enum CodingKeys: String, CodingKey { case verdict, contract, document, requirements, kpis, findings }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(verdict, forKey: .verdict)
            try c.encode(contract, forKey: .contract)
            try c.encode(document, forKey: .document)
            try c.encode(requirements, forKey: .requirements)
            try c.encode(kpis, forKey: .kpis)
            try c.encode(findings, forKey: .findings)
        }

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("verdict")
                o.string(verdict)
                o.key("contract")
                o.string(contract)
                o.key("document")
                o.write(document)
                o.key("requirements")
                o.array(requirements) { $0.write($1) }
                o.key("kpis")
                o.array(kpis) { $0.write($1) }
                o.key("findings")
                o.array(findings) { $0.write($1) }
            }
        }
    }

    package struct About: JSONWritable {
        package var file: String
        package var kind: String?
        package var period: Period?
        package var sha256: String?
        /// The contract's parties, and for a return its due date and days late (`null` where
        /// the document was not judged against a contract, or its period is not one of its).
        package var supplier: String? = nil
        package var service: String? = nil
        package var tier: String? = nil
        package var commissioner: String? = nil
        package var due: String? = nil
        package var daysLate: Int? = nil

        enum CodingKeys: String, CodingKey {
            case file, kind, period, sha256, supplier, service, tier, commissioner, due, daysLate = "days_late"
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)
            try c.encode(kind, forKey: .kind)
            try c.encode(period, forKey: .period)
            try c.encode(sha256, forKey: .sha256)
            try c.encode(supplier, forKey: .supplier)
            try c.encode(service, forKey: .service)
            try c.encode(tier, forKey: .tier)
            try c.encode(commissioner, forKey: .commissioner)
            try c.encode(due, forKey: .due)
            try c.encode(daysLate, forKey: .daysLate)
        }

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("file")
                o.string(file)
                o.key("kind")
                o.string(kind)
                o.key("period")
                o.write(period)
                o.key("sha256")
                o.string(sha256)
                o.key("supplier")
                o.string(supplier)
                o.key("service")
                o.string(service)
                o.key("tier")
                o.string(tier)
                o.key("commissioner")
                o.string(commissioner)
                o.key("due")
                o.string(due)
                o.key("days_late")
                o.int(daysLate)
            }
        }
    }

    package struct Period: JSONWritable {
        package var start: String
        package var end: String

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("start")
                o.string(start)
                o.key("end")
                o.string(end)
            }
        }
    }

    package struct Requirement: JSONWritable {
        package var clause: String
        package var number: String
        package var requirement: String
        package var status: String

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("clause")
                o.string(clause)
                o.key("number")
                o.string(number)
                o.key("requirement")
                o.string(requirement)
                o.key("status")
                o.string(status)
            }
        }
    }

    package struct KPI: JSONWritable {
        package var clause: String
        package var number: String
        package var requirement: String
        package var measure: String
        package var part: Int?
        package var whole: Int?
        package var target: Int
        package var rating: String

        enum CodingKeys: String, CodingKey { case clause, number, requirement, measure, part, whole, target, rating }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(clause, forKey: .clause)
            try c.encode(number, forKey: .number)
            try c.encode(requirement, forKey: .requirement)
            try c.encode(measure, forKey: .measure)
            try c.encode(part, forKey: .part)
            try c.encode(whole, forKey: .whole)
            try c.encode(target, forKey: .target)
            try c.encode(rating, forKey: .rating)
        }

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("clause")
                o.string(clause)
                o.key("number")
                o.string(number)
                o.key("requirement")
                o.string(requirement)
                o.key("measure")
                o.string(measure)
                o.key("part")
                o.int(part)
                o.key("whole")
                o.int(whole)
                o.key("target")
                o.int(target)
                o.key("rating")
                o.string(rating)
            }
        }
    }

    package struct FindingJSON: JSONWritable {
        package var severity: String
        package var code: String
        package var clause: String?
        package var clauseNumber: String?
        package var field: String?
        package var message: String
        package var location: Location
        package var notes: [NoteJSON]
        /// `performance`, `data-quality`, `timeliness`, `privacy` or `evidence` (`FindingCategory`).
        package var category: String = ""

        enum CodingKeys: String, CodingKey {
            case severity, code, category, clause, clauseNumber = "clause_number", field, message, location, notes
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(severity, forKey: .severity)
            try c.encode(code, forKey: .code)
            try c.encode(category, forKey: .category)
            try c.encode(clause, forKey: .clause)
            try c.encode(clauseNumber, forKey: .clauseNumber)
            try c.encode(field, forKey: .field)
            try c.encode(message, forKey: .message)
            try c.encode(location, forKey: .location)
            try c.encode(notes, forKey: .notes)
        }

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("severity")
                o.string(severity)
                o.key("code")
                o.string(code)
                o.key("category")
                o.string(category)
                o.key("clause")
                o.string(clause)
                o.key("clause_number")
                o.string(clauseNumber)
                o.key("field")
                o.string(field)
                o.key("message")
                o.string(message)
                o.key("location")
                o.write(location)
                o.key("notes")
                o.array(notes) { $0.write($1) }
            }
        }
    }

    package struct NoteJSON: JSONWritable {
        package var message: String
        package var location: Location

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("message")
                o.string(message)
                o.key("location")
                o.write(location)
            }
        }
    }

    package struct Location: JSONWritable {
        package var file: String
        package var line: Int
        package var column: Int
        /// For a workbook: the sheet and the cell (`B14`); `line` and `column` are then the
        /// row and the column's number.
        package var sheet: String?
        package var cell: String?

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("file")
                o.string(file)
                o.key("line")
                o.int(line)
                o.key("column")
                o.int(column)
                if let sheet, let cell {
                    o.key("sheet")
                    o.string(sheet)
                    o.key("cell")
                    o.string(cell)
                }
            }
        }
    }

    package struct Summary: JSONWritable {
        package var documents: Int
        package var compliant: Int
        package var nonCompliant: Int
        package var invalid: Int
        /// Of the invalid, those not judged because their contract has errors.
        package var unjudged: Int
        /// Requirements not checked over the run (the policy file, without `--evidence`).
        package var notChecked: Int
        package var kpis: [RunKPI]
        /// With `--period-ending`: the quarter, each contract's standing, the returns missing.
        package var quarter: Quarter? = nil

        enum CodingKeys: String, CodingKey {
            case documents, compliant, nonCompliant = "non_compliant", invalid, unjudged, notChecked = "not_checked", kpis, quarter
        }

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("documents")
                o.int(documents)
                o.key("compliant")
                o.int(compliant)
                o.key("non_compliant")
                o.int(nonCompliant)
                o.key("invalid")
                o.int(invalid)
                o.key("unjudged")
                o.int(unjudged)
                o.key("not_checked")
                o.int(notChecked)
                o.key("kpis")
                o.array(kpis) { $0.write($1) }
                if let quarter {
                    o.key("quarter")
                    quarter.write(to: &o)
                }
            }
        }
    }

    /// The quarter of a `--period-ending` run.
    package struct Quarter: JSONWritable {
        package var from: String
        package var to: String
        package var contracts: [Standing]
        package var missing: [MissingReturn]

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("from")
                o.string(from)
                o.key("to")
                o.string(to)
                o.key("contracts")
                o.array(contracts) { $0.write($1) }
                o.key("missing")
                o.array(missing) { $0.write($1) }
            }
        }
    }

    /// A contract's standing in the quarter.
    package struct Standing: JSONWritable {
        package var contract: String
        package var standing: String

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("contract")
                o.string(contract)
                o.key("standing")
                o.string(standing)
            }
        }
    }

    /// A return that never came.
    package struct MissingReturn: JSONWritable {
        package var contract: String
        package var period: Period
        package var due: String
        package var location: Location

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("contract")
                o.string(contract)
                o.key("period")
                period.write(to: &o)
                o.key("due")
                o.string(due)
                o.key("location")
                location.write(to: &o)
            }
        }
    }

    package struct RunKPI: JSONWritable {
        package var contract: String
        package var clause: String
        package var number: String
        package var requirement: String
        package var measure: String
        package var part: Int
        package var whole: Int
        package var returns: Int
        package var target: Int
        package var rating: String

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("contract")
                o.string(contract)
                o.key("clause")
                o.string(clause)
                o.key("number")
                o.string(number)
                o.key("requirement")
                o.string(requirement)
                o.key("measure")
                o.string(measure)
                o.key("part")
                o.int(part)
                o.key("whole")
                o.int(whole)
                o.key("returns")
                o.int(returns)
                o.key("target")
                o.int(target)
                o.key("rating")
                o.string(rating)
            }
        }
    }

    // MARK: - From reports

    /// A document's JSON object.
    package static func document(_ report: DocumentReport, numbers: [String: String]) -> Document {
        func location(_ l: SourceLocation) -> Location {
            Location(file: l.file, line: l.line, column: l.column, sheet: l.sheet, cell: l.cell)
        }
        let period = report.periodStart.flatMap { start in
            report.periodEnd.map { Period(start: start.description, end: $0.description) }
        }
        return Document(
            verdict: report.verdict.rawValue, contract: report.contract.isEmpty ? nil : report.contract,
            document: About(
                file: report.file, kind: report.kind?.rawValue, period: period, sha256: report.sha256, supplier: report.parties?.supplier,
                service: report.parties?.service, tier: report.parties?.tier, commissioner: report.parties?.commissioner,
                due: report.parties?.due?.description, daysLate: report.parties?.daysLate),
            requirements: report.requirements.map {
                Requirement(clause: $0.clause, number: $0.number, requirement: $0.requirement, status: $0.status.code)
            },
            kpis: report.kpis.map {
                KPI(
                    clause: $0.clause, number: $0.number, requirement: $0.requirement, measure: $0.measure, part: $0.part, whole: $0.whole,
                    target: $0.bands.target, rating: $0.rating.code)
            },
            findings: report.findings.map { f in
                FindingJSON(
                    severity: f.severity.rawValue, code: f.code, clause: f.clause, clauseNumber: f.clause.flatMap { numbers[$0] },
                    field: f.field, message: f.message, location: location(f.location),
                    notes: f.notes.map { NoteJSON(message: $0.message, location: location($0.location)) },
                    category: FindingCategory.of(f.code).rawValue)
            })
    }

    /// The run's summary.
    package static func summary(_ tracker: PortfolioTracker) -> Summary {
        let c = tracker.counts
        return Summary(
            documents: tracker.total, compliant: c[.compliant] ?? 0, nonCompliant: c[.nonCompliant] ?? 0, invalid: c[.invalid] ?? 0,
            unjudged: tracker.unjudged, notChecked: tracker.notChecked,
            kpis: tracker.kpis.map { t in
                RunKPI(
                    contract: t.contract, clause: t.kpi.clause, number: t.kpi.number, requirement: t.kpi.requirement,
                    measure: t.kpi.measure,
                    part: t.part, whole: t.whole, returns: t.returns, target: t.kpi.bands.target, rating: t.rating.code)
            })
    }

    // MARK: - Written a piece at a time

    /// Everything before the first document: `{"tool":…,"library":…,"documents":[`.
    package static func head(library: Library) -> String {
        let tool = JSONWriter.encode(Tool())
        let version = JSONWriter.encode(LibraryVersion(id: library.id, version: library.version))
        return "{\"tool\":\(tool),\"library\":\(version),\"documents\":[\n"
    }

    /// One document, with the comma that separates it from the one before.
    package static func documentPiece(_ report: DocumentReport, numbers: [String: String], first: Bool) -> String {
        (first ? "" : ",\n") + JSONWriter.encode(document(report, numbers: numbers))
    }

    /// Everything after the last document: `],"summary":…}`.
    package static func tail(_ tracker: PortfolioTracker, quarter: QuarterOutcome? = nil) -> String {
        var summary = summary(tracker)
        if let quarter {
            summary.quarter = Quarter(
                from: quarter.from.description, to: quarter.to.description,
                contracts: quarter.standings.sorted { $0.key < $1.key }.map { Standing(contract: $0.key, standing: $0.value.code) },
                missing: quarter.missing.map {
                    MissingReturn(
                        contract: $0.contract, period: Period(start: $0.period.start.description, end: $0.period.end.description),
                        due: $0.period.due.description,
                        location: Location(file: $0.location.file, line: $0.location.line, column: $0.location.column))
                })
        }
        return "\n],\"summary\":\(JSONWriter.encode(summary))}\n"
    }
}
