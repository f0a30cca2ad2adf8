public import HorizonModel

/// The JSON report (SPEC §7), as types: the one shape, whatever the number of documents — an
/// envelope with the tool and library versions, the documents and the summary. Keys are
/// snake_case; values such as `non-compliant` and `not-met` are kebab-case codes.
///
/// `horizon check --format json` writes it a piece at a time (`ReportJSON.head`, each
/// document, `ReportJSON.tail`), so that memory stays flat over a portfolio; the pieces are the
/// encoding of `Envelope`, as a test checks.
public enum ReportJSON {
    /// The version of Horizon, reported in every JSON report.
    public static let toolVersion = "2.0.0"

    public struct Envelope: Encodable {
        public var tool: Tool
        public var library: LibraryVersion
        public var documents: [Document]
        public var summary: Summary
    }

    public struct Tool: Encodable, Equatable {
        public var name = "horizon"
        public var version = ReportJSON.toolVersion
    }

    public struct LibraryVersion: Encodable, Equatable {
        public var id: String
        public var version: String
    }

    public struct Document: Encodable {
        public var verdict: String
        public var contract: String?
        public var document: About
        public var requirements: [Requirement]
        public var kpis: [KPI]
        public var findings: [FindingJSON]
    }

    public struct About: Encodable {
        public var file: String
        public var kind: String?
        public var period: Period?
        public var sha256: String?
    }

    public struct Period: Encodable {
        public var start: String
        public var end: String
    }

    public struct Requirement: Encodable {
        public var clause: String
        public var number: String
        public var requirement: String
        public var status: String
    }

    public struct KPI: Encodable {
        public var clause: String
        public var number: String
        public var requirement: String
        public var measure: String
        public var part: Int?
        public var whole: Int?
        public var target: Int
        public var rating: String
    }

    public struct FindingJSON: Encodable {
        public var severity: String
        public var code: String
        public var clause: String?
        public var clauseNumber: String?
        public var field: String?
        public var message: String
        public var location: Location
        public var notes: [NoteJSON]

        enum CodingKeys: String, CodingKey {
            case severity, code, clause, clauseNumber = "clause_number", field, message, location, notes
        }
    }

    public struct NoteJSON: Encodable {
        public var message: String
        public var location: Location
    }

    public struct Location: Encodable {
        public var file: String
        public var line: Int
        public var column: Int
    }

    public struct Summary: Encodable {
        public var documents: Int
        public var compliant: Int
        public var nonCompliant: Int
        public var invalid: Int
        /// Of the invalid, those not judged because their contract has errors.
        public var unjudged: Int
        public var kpis: [RunKPI]

        enum CodingKeys: String, CodingKey {
            case documents, compliant, nonCompliant = "non_compliant", invalid, unjudged, kpis
        }
    }

    public struct RunKPI: Encodable {
        public var contract: String
        public var clause: String
        public var number: String
        public var requirement: String
        public var measure: String
        public var part: Int
        public var whole: Int
        public var returns: Int
        public var target: Int
        public var rating: String
    }

    // MARK: - From reports

    /// A document's JSON object.
    public static func document(_ report: DocumentReport, numbers: [String: String]) -> Document {
        func location(_ l: SourceLocation) -> Location { Location(file: l.file, line: l.line, column: l.column) }
        let period = report.periodStart.flatMap { start in
            report.periodEnd.map { Period(start: start.description, end: $0.description) }
        }
        return Document(
            verdict: report.verdict.rawValue, contract: report.contract.isEmpty ? nil : report.contract,
            document: About(file: report.file, kind: report.kind?.rawValue, period: period, sha256: report.sha256),
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
                    notes: f.notes.map { NoteJSON(message: $0.message, location: location($0.location)) })
            })
    }

    /// The run's summary.
    public static func summary(_ tracker: PortfolioTracker) -> Summary {
        let c = tracker.counts
        return Summary(
            documents: tracker.total, compliant: c[.compliant] ?? 0, nonCompliant: c[.nonCompliant] ?? 0, invalid: c[.invalid] ?? 0,
            unjudged: tracker.unjudged,
            kpis: tracker.kpis.map { t in
                RunKPI(
                    contract: t.contract, clause: t.kpi.clause, number: t.kpi.number, requirement: t.kpi.requirement,
                    measure: t.kpi.measure,
                    part: t.part, whole: t.whole, returns: t.returns, target: t.kpi.bands.target, rating: t.rating.code)
            })
    }

    // MARK: - Written a piece at a time

    /// Everything before the first document: `{"tool":…,"library":…,"documents":[`.
    public static func head(library: Library) -> String {
        let tool = JSONWriter.encode(Tool())
        let version = JSONWriter.encode(LibraryVersion(id: library.id, version: library.version))
        return "{\"tool\":\(tool),\"library\":\(version),\"documents\":[\n"
    }

    /// One document, with the comma that separates it from the one before.
    public static func documentPiece(_ report: DocumentReport, numbers: [String: String], first: Bool) -> String {
        (first ? "" : ",\n") + JSONWriter.encode(document(report, numbers: numbers))
    }

    /// Everything after the last document: `],"summary":…}`.
    public static func tail(_ tracker: PortfolioTracker) -> String {
        "\n],\"summary\":\(JSONWriter.encode(summary(tracker)))}\n"
    }
}
