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
        package var contracts: [ContractJSON]
        package var summary: Summary

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("tool")
                o.write(tool)
                o.key("library")
                o.write(library)
                o.key("documents")
                o.array(documents) { $0.write($1) }
                o.key("contracts")
                o.array(contracts) { $0.write($1) }
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
        package var requirements: Requirements
        package var kpis: KPIs
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
                o.write(requirements)
                o.key("kpis")
                o.write(kpis)
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
        /// For a bid, the bidder (its own `supplier` field).
        package var bidder: String? = nil
        package var due: String? = nil
        package var daysLate: Int? = nil

        enum CodingKeys: String, CodingKey {
            case file, kind, period, sha256, supplier, service, tier, commissioner, bidder, due, daysLate = "days_late"
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
            try c.encode(bidder, forKey: .bidder)
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
                o.key("bidder")
                o.string(bidder)
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

    /// A document's requirements, an array of `Requirement`: each row of its contract's
    /// requirement table with its status. Written from each row's JSON up to its status, made
    /// once a layout by `Requirement.write` (`RequirementLayout.jsonBytes`), and its status's
    /// end (`RequirementLayout.statusJSON`): this runs for every row of every return.
    package struct Requirements: JSONWritable {
        let layout: RequirementLayout?
        let statuses: [RequirementStatus]

        package var items: [Requirement] {
            guard let layout else { return [] }
            return zip(layout.rows, statuses).map {
                Requirement(clause: $0.clause, number: $0.number, requirement: $0.requirement, status: $1.code)
            }
        }

        package func encode(to encoder: any Encoder) throws { try items.encode(to: encoder) }

        package func write(to out: inout JSONOut) {
            guard let layout else { return out.array([Requirement]()) { $0.write($1) } }
            layout.jsonBytes.withUnsafeBufferPointer { json in
                out.array(count: statuses.count) { o, row in
                    RequirementLayout.statusJSON[statuses[row].index].withUnsafeBufferPointer { tail in
                        o.json(UnsafeBufferPointer(rebasing: json[layout.jsonRanges[row]]), tail)
                    }
                }
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
                Self.writeHead(clause: clause, number: number, requirement: requirement, measure: measure, to: &o)
                Self.writeFigures(part: part, whole: whole, target: target, rating: rating, to: &o)
            }
        }

        /// The members that name the KPI: the same in every return of a contract kind, so
        /// made once a layout (`RequirementLayout.kpiJSONHeads`).
        static func writeHead(clause: String, number: String, requirement: String, measure: String, to o: inout JSONOut) {
            o.key("clause")
            o.string(clause)
            o.key("number")
            o.string(number)
            o.key("requirement")
            o.string(requirement)
            o.key("measure")
            o.string(measure)
        }

        /// The members that give a return's figures and rating.
        static func writeFigures(part: Int?, whole: Int?, target: Int, rating: String, to o: inout JSONOut) {
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

    /// A return's KPIs, an array of `KPI`, written with the members that name each KPI made
    /// once a layout (`RequirementLayout.kpiJSONHeads`), as `Requirements` is.
    package struct KPIs: JSONWritable {
        let layout: RequirementLayout?
        let results: [KPIResult]

        package var items: [KPI] {
            results.map {
                KPI(
                    clause: $0.clause, number: $0.number, requirement: $0.requirement, measure: $0.measure, part: $0.part, whole: $0.whole,
                    target: $0.bands.target, rating: $0.rating.code)
            }
        }

        package func encode(to encoder: any Encoder) throws { try items.encode(to: encoder) }

        package func write(to out: inout JSONOut) {
            guard let heads = layout?.kpiJSONHeads, heads.count == results.count else {
                return out.array(items) { $0.write($1) }
            }
            out.array(count: results.count) { o, i in
                o.object { o in
                    heads[i].withUnsafeBufferPointer { o.members($0) }
                    // Read where the report holds them, not copied out (see `ReportRenderer.text`).
                    KPI.writeFigures(
                        part: results[i].part, whole: results[i].whole, target: results[i].bands.target, rating: results[i].rating.code,
                        to: &o)
                }
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
        /// Returns replaced by a later one for the same contract and period: not counted.
        package var superseded: Int
        /// Each of them, with the return that replaced it.
        package var supersededReturns: [Superseded] = []
        package var kpis: [RunKPI]
        /// The board: the contracts grouped by supplier, service and tier, and the clauses,
        /// the worst first.
        package var bySupplier: [Group] = []
        package var byService: [Group] = []
        package var byTier: [Group] = []
        package var byClause: [ClauseGroup] = []
        /// With `--period-ending`: the quarter and the returns missing; `null` without.
        package var quarter: Quarter? = nil

        enum CodingKeys: String, CodingKey {
            case documents, compliant, nonCompliant = "non_compliant", invalid, unjudged, notChecked = "not_checked", superseded
            case supersededReturns = "superseded_returns", kpis
            case bySupplier = "by_supplier", byService = "by_service", byTier = "by_tier", byClause = "by_clause", quarter
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(documents, forKey: .documents)
            try c.encode(compliant, forKey: .compliant)
            try c.encode(nonCompliant, forKey: .nonCompliant)
            try c.encode(invalid, forKey: .invalid)
            try c.encode(unjudged, forKey: .unjudged)
            try c.encode(notChecked, forKey: .notChecked)
            try c.encode(superseded, forKey: .superseded)
            try c.encode(supersededReturns, forKey: .supersededReturns)
            try c.encode(kpis, forKey: .kpis)
            try c.encode(bySupplier, forKey: .bySupplier)
            try c.encode(byService, forKey: .byService)
            try c.encode(byTier, forKey: .byTier)
            try c.encode(byClause, forKey: .byClause)
            try c.encode(quarter, forKey: .quarter)
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
                o.key("superseded")
                o.int(superseded)
                o.key("superseded_returns")
                o.array(supersededReturns) { $0.write($1) }
                o.key("kpis")
                o.array(kpis) { $0.write($1) }
                o.key("by_supplier")
                o.array(bySupplier) { $0.write($1) }
                o.key("by_service")
                o.array(byService) { $0.write($1) }
                o.key("by_tier")
                o.array(byTier) { $0.write($1) }
                o.key("by_clause")
                o.array(byClause) { $0.write($1) }
                o.key("quarter")
                o.write(quarter)
            }
        }
    }

    /// A return superseded by a later one for the same contract and period.
    package struct Superseded: JSONWritable {
        package var earlier: String
        package var earlierSubmittedOn: String
        package var later: String
        package var laterSubmittedOn: String

        enum CodingKeys: String, CodingKey {
            case earlier, earlierSubmittedOn = "earlier_submitted_on", later, laterSubmittedOn = "later_submitted_on"
        }

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("earlier")
                o.string(earlier)
                o.key("earlier_submitted_on")
                o.string(earlierSubmittedOn)
                o.key("later")
                o.string(later)
                o.key("later_submitted_on")
                o.string(laterSubmittedOn)
            }
        }
    }

    /// The quarter of a `--period-ending` run.
    package struct Quarter: JSONWritable {
        package var from: String
        package var to: String
        package var missing: [MissingReturn]

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("from")
                o.string(from)
                o.key("to")
                o.string(to)
                o.key("missing")
                o.array(missing) { $0.write($1) }
            }
        }
    }

    /// A contract of the run (`contracts[]`), with its parties and standing.
    package struct ContractJSON: JSONWritable {
        package var reference: String
        package var file: String
        package var supplier: String?
        package var service: String?
        package var tier: String?
        package var commissioner: String?
        package var reporting: String?
        package var standing: String
        /// What kind of failure: the categories of its counted returns' errors, and
        /// `timeliness` for a return missing.
        package var categories: [String]
        package var returns: Int
        package var bids: Int
        package var missing: Int

        enum CodingKeys: String, CodingKey {
            case reference, file, supplier, service, tier, commissioner, reporting, standing, categories, returns, bids, missing
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(reference, forKey: .reference)
            try c.encode(file, forKey: .file)
            try c.encode(supplier, forKey: .supplier)
            try c.encode(service, forKey: .service)
            try c.encode(tier, forKey: .tier)
            try c.encode(commissioner, forKey: .commissioner)
            try c.encode(reporting, forKey: .reporting)
            try c.encode(standing, forKey: .standing)
            try c.encode(categories, forKey: .categories)
            try c.encode(returns, forKey: .returns)
            try c.encode(bids, forKey: .bids)
            try c.encode(missing, forKey: .missing)
        }

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("reference")
                o.string(reference)
                o.key("file")
                o.string(file)
                o.key("supplier")
                o.string(supplier)
                o.key("service")
                o.string(service)
                o.key("tier")
                o.string(tier)
                o.key("commissioner")
                o.string(commissioner)
                o.key("reporting")
                o.string(reporting)
                o.key("standing")
                o.string(standing)
                o.key("categories")
                o.array(categories) { $0.string($1) }
                o.key("returns")
                o.int(returns)
                o.key("bids")
                o.int(bids)
                o.key("missing")
                o.int(missing)
            }
        }
    }

    /// The contracts of one supplier, service or tier.
    package struct Group: JSONWritable {
        package var name: String
        package var contracts: Int
        package var compliant: Int
        package var nonCompliant: Int
        package var invalid: Int
        package var missing: Int
        package var noReturnDue: Int
        package var noReturns: Int
        package var returns: Int
        package var requirementsMet: Int
        package var requirementsNotMet: Int

        enum CodingKeys: String, CodingKey {
            case name, contracts, compliant, nonCompliant = "non_compliant", invalid, missing, noReturnDue = "no_return_due"
            case noReturns = "no_returns", returns, requirementsMet = "requirements_met", requirementsNotMet = "requirements_not_met"
        }

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("name")
                o.string(name)
                for (key, value) in [
                    ("contracts", contracts), ("compliant", compliant), ("non_compliant", nonCompliant), ("invalid", invalid),
                    ("missing", missing), ("no_return_due", noReturnDue), ("no_returns", noReturns), ("returns", returns),
                    ("requirements_met", requirementsMet), ("requirements_not_met", requirementsNotMet),
                ] {
                    o.key(named: key)
                    o.int(value)
                }
            }
        }
    }

    /// One clause's requirements over the run's returns.
    package struct ClauseGroup: JSONWritable {
        package var clause: String
        package var title: String
        package var met: Int
        package var notMet: Int
        package var partlyMet: Int
        package var dataMissing: Int
        package var notYetDue: Int
        package var notApplicable: Int
        package var notChecked: Int
        package var contractsNotMet: Int

        enum CodingKeys: String, CodingKey {
            case clause, title, met, notMet = "not_met", partlyMet = "partly_met", dataMissing = "data_missing"
            case notYetDue = "not_yet_due", notApplicable = "not_applicable", notChecked = "not_checked"
            case contractsNotMet = "contracts_not_met"
        }

        package func write(to out: inout JSONOut) {
            out.object { o in
                o.key("clause")
                o.string(clause)
                o.key("title")
                o.string(title)
                for (key, value) in [
                    ("met", met), ("not_met", notMet), ("partly_met", partlyMet), ("data_missing", dataMissing),
                    ("not_yet_due", notYetDue), ("not_applicable", notApplicable), ("not_checked", notChecked),
                    ("contracts_not_met", contractsNotMet),
                ] {
                    o.key(named: key)
                    o.int(value)
                }
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
                bidder: report.parties?.bidder, due: report.parties?.due?.description, daysLate: report.parties?.daysLate),
            requirements: Requirements(layout: report.layout, statuses: report.statuses),
            kpis: KPIs(layout: report.layout, results: report.kpis),
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
            unjudged: tracker.unjudged, notChecked: tracker.notChecked, superseded: tracker.superseded.count,
            supersededReturns: tracker.supersededByFile.map {
                Superseded(
                    earlier: $0.earlier, earlierSubmittedOn: $0.earlierDate.description, later: $0.later,
                    laterSubmittedOn: $0.laterDate.description)
            },
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

    /// The board's contracts and groups, into the envelope's `contracts` and the summary.
    package static func contracts(_ board: Board) -> [ContractJSON] {
        board.contracts.map {
            ContractJSON(
                reference: $0.reference, file: $0.file, supplier: $0.supplier, service: $0.service, tier: $0.tier,
                commissioner: $0.commissioner, reporting: $0.reporting, standing: $0.standing.code,
                categories: $0.categories.map(\.rawValue), returns: $0.returns, bids: $0.bids,
                missing: $0.missing)
        }
    }

    static func add(_ board: Board, to summary: inout Summary) {
        func groups(_ groups: [Board.Group]) -> [Group] {
            groups.map {
                Group(
                    name: $0.name, contracts: $0.contracts, compliant: $0.count(.compliant), nonCompliant: $0.count(.nonCompliant),
                    invalid: $0.count(.invalid), missing: $0.count(.missing), noReturnDue: $0.count(.noReturnDue),
                    noReturns: $0.count(.noReturns), returns: $0.returns, requirementsMet: $0.met, requirementsNotMet: $0.notMet)
            }
        }
        summary.bySupplier = groups(board.bySupplier)
        summary.byService = groups(board.byService)
        summary.byTier = groups(board.byTier)
        summary.byClause = board.byClause.map {
            ClauseGroup(
                clause: $0.clause, title: $0.title, met: $0.count(.met), notMet: $0.count(.notMet), partlyMet: $0.count(.partlyMet),
                dataMissing: $0.count(.dataMissing), notYetDue: $0.count(.notYetDue), notApplicable: $0.count(.notApplicable),
                notChecked: $0.count(.notChecked), contractsNotMet: $0.contractsNotMet)
        }
    }

    /// Everything after the last document: `],"contracts":[…],"summary":…}`.
    package static func tail(_ tracker: PortfolioTracker, board: Board, quarter: QuarterOutcome? = nil) -> String {
        var out = JSONOut()
        out.array(contracts(board)) { $0.write($1) }
        let summary = summary(tracker, board: board, quarter: quarter)
        return "\n],\"contracts\":\(String(decoding: out.bytes, as: UTF8.self)),\"summary\":\(JSONWriter.encode(summary))}\n"
    }

    /// The run's whole summary: the tally, the board's groups and the quarter.
    package static func summary(_ tracker: PortfolioTracker, board: Board, quarter: QuarterOutcome?) -> Summary {
        var summary = summary(tracker)
        add(board, to: &summary)
        if let quarter {
            summary.quarter = Quarter(
                from: quarter.from.description, to: quarter.to.description,
                missing: quarter.missing.map {
                    MissingReturn(
                        contract: $0.contract, period: Period(start: $0.period.start.description, end: $0.period.end.description),
                        due: $0.period.due.description,
                        location: Location(file: $0.location.file, line: $0.location.line, column: $0.location.column))
                })
        }
        return summary
    }
}
