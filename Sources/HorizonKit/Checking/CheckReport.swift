import Foundation
package import HorizonModel

/// How far a document meets one requirement.
package enum RequirementStatus: String, Sendable, Hashable, CaseIterable {
    case met
    case notMet = "not met"
    case partlyMet = "partly met"
    case notYetDue = "not yet due"
    case notApplicable = "not applicable"
    /// The run was not given what it needs to judge it (the policy file, without `--evidence`);
    /// it changes neither the verdict nor the exit status.
    case notChecked = "not checked: no evidence folder given"
    /// The requirement's fields are missing or unreadable: a slip in the data rather than a
    /// duty failed on the figures. Counts as not met for the verdict.
    case dataMissing = "not met: data missing or unreadable"

    /// Its place in `allCases`, for tallies kept as arrays.
    var index: Int {
        switch self {
        case .met: 0
        case .notMet: 1
        case .partlyMet: 2
        case .notYetDue: 3
        case .notApplicable: 4
        case .notChecked: 5
        case .dataMissing: 6
        }
    }

    /// The JSON spelling: kebab-case.
    package var code: String {
        switch self {
        case .met: "met"
        case .notMet: "not-met"
        case .partlyMet: "partly-met"
        case .notYetDue: "not-yet-due"
        case .notApplicable: "not-applicable"
        case .notChecked: "not-checked"
        case .dataMissing: "data-missing"
        }
    }
}

/// The judgement of one requirement.
package struct RequirementResult: Sendable, Hashable {
    /// The clause id.
    package var clause: String
    /// The clause's number in the generated contract, such as "4.1".
    package var number: String
    /// The requirement id within the clause, or "-" for a clause with no requirement of this
    /// document kind.
    package var requirement: String
    /// What the requirement asks.
    package var summary: String
    package var status: RequirementStatus
}

/// The rating of one key performance indicator in one return.
package struct KPIResult: Sendable, Hashable {
    package var clause: String
    package var number: String
    package var requirement: String
    /// What is measured, from the library (`kpi:`).
    package var measure: String
    package var part: Int?
    package var whole: Int?
    package var bands: KPIBands
    package var rating: KPIRating

    /// "33 of 40 (82%)", or "no figures" where they are missing.
    package var figures: String {
        guard let part, let whole else { return "no figures" }
        return whole == 0 ? "\(part) of 0" : "\(part) of \(whole) (\(percent)%)"
    }

    /// The share as a whole per cent, rounded half up; 0 when there are no figures or no whole.
    package var percent: Int {
        guard let part, let whole else { return 0 }
        return KPIResult.percent(part: part, whole: whole)
    }

    /// A share as a whole per cent, rounded half up; 0 for no whole.
    package static func percent(part: Int, whole: Int) -> Int { whole == 0 ? 0 : (part * 200 + whole) / (2 * whole) }
}

/// One commitment of a bid, with the requirement it answers.
package struct BidCommitment: Sendable, Hashable {
    package var clause: String
    package var requirement: String
    package var commitment: Commitment
}

/// The overall verdict on a document.
package enum Verdict: String, Sendable, Hashable {
    case compliant
    case nonCompliant = "non-compliant"
    case invalid
}

/// The contract's parties and the return's timing, carried on every report judged.
package struct Parties: Sendable, Hashable {
    package var supplier: String
    package var service: String
    package var tier: String
    package var commissioner: String
    /// For a bid: the bidder, as its `supplier` field names it (the contract's supplier is
    /// "to be awarded" at tender).
    package var bidder: String? = nil
    /// The last day the return was on time, when its period is one of the contract's.
    package var due: CivilDate?
    /// Days after `due` it was submitted (0 when on time).
    package var daysLate: Int?
}

/// Everything the checker says about one document.
package struct DocumentReport: Sendable {
    package var file: String
    package var kind: DocumentKind?
    /// The contract reference the document was judged against.
    package var contract: String
    package var periodStart: CivilDate?
    package var periodEnd: CivilDate?
    /// The return's `submitted_on`, when it reads as a date: which of two returns for one
    /// period is the resubmission.
    package var submittedOn: CivilDate?
    /// Who and what, for a board (issue #16): the contract's supplier, service, tier and
    /// commissioner, and for a return the period's due date and how many days late it came.
    package var parties: Parties?
    package var sha256: String?
    package var verdict: Verdict
    /// Sorted by location.
    package var findings: [Finding]
    /// The requirement table's rows, shared by every report on one contract and kind of
    /// document (worked out once, with their text), and this document's status in each: a
    /// report holds one reference and a status a row rather than copies of the rows' text.
    var layout: RequirementLayout?
    var statuses: [RequirementStatus]
    /// The rating of each KPI of the contract, for a return judged against it.
    package var kpis: [KPIResult] = []
    /// The return's counts of fields watched for a fall (`watch_fall`), with their locations,
    /// for the run to compare with the previous period's return.
    package var watched: [(field: String, value: Int, location: SourceLocation)] = []
    /// A bid's commitments against the contract's minimums, in schedule order (`compare-bids`).
    package var commitments: [BidCommitment] = []

    /// Whether the run found a later return for the same contract and period, given after this
    /// one was read (`return-superseded`): this one is then not counted.
    package var isSuperseded: Bool { findings.contains { $0.code == "return-superseded" } }

    /// How many requirements the run could not check (see `RequirementStatus.notChecked`).
    package var notChecked: Int {
        var count = 0
        for status in statuses where status == .notChecked { count += 1 }
        return count
    }

    /// The judgement of every requirement, in schedule order.
    package var requirements: [RequirementResult] {
        get {
            guard let layout else { return [] }
            return zip(layout.rows, statuses).map { row, status in
                RequirementResult(
                    clause: row.clause, number: row.number, requirement: row.requirement, summary: row.summary, status: status)
            }
        }
        set {
            layout = newValue.isEmpty ? nil : RequirementLayout(rows: newValue.map { ($0.clause, $0.number, $0.requirement, $0.summary) })
            statuses = newValue.map(\.status)
        }
    }

    init(
        file: String, kind: DocumentKind?, contract: String, periodStart: CivilDate?, periodEnd: CivilDate?, sha256: String?,
        verdict: Verdict,
        findings: [Finding], layout: RequirementLayout?, statuses: [RequirementStatus]
    ) {
        self.file = file
        self.kind = kind
        self.contract = contract
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.sha256 = sha256
        self.verdict = verdict
        self.findings = findings
        self.layout = layout
        self.statuses = statuses
    }

    /// A report for a document that could not be read.
    ///
    /// - Parameters:
    ///   - file: The file.
    ///   - contract: The contract reference.
    ///   - error: Why it could not be read.
    package static func invalid(file: String, contract: String, error: InputError) -> DocumentReport {
        DocumentReport(
            file: file, kind: nil, contract: contract, periodStart: nil, periodEnd: nil, sha256: nil, verdict: .invalid,
            findings: [error.finding], layout: nil, statuses: [])
    }
}

/// A contract's requirement table for one kind of document: its rows and, for the reports,
/// the heading, each row's text line and JSON object up to its status, and the start of each
/// KPI's line: worked out once for all the contracts that share the rules, as bytes, so that
/// a report writes a row with two copies.
final class RequirementLayout: Sendable {
    typealias Row = (clause: String, number: String, requirement: String, summary: String)
    let rows: [Row]
    /// Each row's fields (the requirement's, and those its rules read): which findings decided
    /// it, for the CSV report.
    let fields: [Set<String>]
    let heading: String
    /// Each row's text line up to its status, padded, one after another; `lineRanges[row]` is
    /// where one is. `statusLines` ends it.
    let lineBytes: [UInt8]
    let lineRanges: [Range<Int>]
    /// Each row's JSON object (`ReportJSON.Requirement`) up to its status's value, written by
    /// `Requirement.write` with the status left empty and cut before the empty value's closing
    /// quote; `jsonRanges[row]` is where one is. `statusJSON` ends it.
    let jsonBytes: [UInt8]
    let jsonRanges: [Range<Int>]
    /// The start of each KPI's line in a return's report ("    4.1 DA-TRN-1 Staff trained: "),
    /// in the order of the checker's KPIs.
    let kpiHeads: [String]
    /// The members that name each KPI in a return's JSON report (`ReportJSON.KPI.writeHead`).
    let kpiJSONHeads: [[UInt8]]

    /// The end of a row's text line for each status (by `RequirementStatus.index`).
    static let statusLines: [[UInt8]] = RequirementStatus.allCases.map { Array(($0.rawValue + "\n").utf8) }
    /// The end of a row's JSON object for each status: the status's code (which needs no
    /// escape), its closing quote and the object's brace.
    static let statusJSON: [[UInt8]] = RequirementStatus.allCases.map { Array(($0.code + "\"}").utf8) }

    init(rows: [Row], fields: [Set<String>] = [], kpis: [(number: String, clause: String, requirement: String, measure: String)] = []) {
        self.rows = rows
        self.fields = fields
        var idWidth = 6
        for row in rows { idWidth = max(idWidth, row.clause.count + 1 + row.requirement.count) }
        var heading = "  clause  "
        heading.append(padding: "requirement", to: idWidth)
        heading += "  status\n"
        self.heading = heading
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        var json: [UInt8] = []
        var jsonRanges: [Range<Int>] = []
        for row in rows {
            var line = "  "
            line.append(padding: row.number, to: 6)
            line += "  "
            line += row.clause
            line += " "
            line.append(padding: row.requirement, to: idWidth - row.clause.count - 1)
            line += "  "
            ranges.append(bytes.count..<bytes.count + line.utf8.count)
            bytes += Array(line.utf8)
            var out = JSONOut()
            ReportJSON.Requirement(clause: row.clause, number: row.number, requirement: row.requirement, status: "").write(to: &out)
            // The status is the object's last member: `..."status":""}` loses its `"}`.
            precondition(out.bytes.suffix(3).elementsEqual([0x22, 0x22, 0x7D]), "a requirement's JSON must end with its status")
            let head = out.bytes.dropLast(2)
            jsonRanges.append(json.count..<json.count + head.count)
            json += head
        }
        lineBytes = bytes
        lineRanges = ranges
        jsonBytes = json
        self.jsonRanges = jsonRanges
        kpiHeads = kpis.map { Self.kpiHead(number: $0.number, clause: $0.clause, measure: $0.measure) }
        kpiJSONHeads = kpis.map { kpi in
            JSONOut.members { o in
                ReportJSON.KPI.writeHead(clause: kpi.clause, number: kpi.number, requirement: kpi.requirement, measure: kpi.measure, to: &o)
            }
        }
    }

    /// The start of a KPI's line in the text report.
    static func kpiHead(number: String, clause: String, measure: String) -> String { "    \(number) \(clause) \(measure): " }
}
