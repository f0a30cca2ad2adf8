package import HorizonModel

/// What a run remembers across documents: only the (contract, period) pairs already seen, so
/// memory stays flat however many documents a portfolio holds.
package struct PortfolioTracker: Sendable {
    struct Key: Hashable, Sendable {
        var contract: String
        var start: CivilDate
        var end: CivilDate
    }

    /// A return counted for its contract and period: its file, `submitted_on` and verdict, so
    /// that a resubmission supersedes it, and its requirement statuses, for the board's
    /// summaries by clause.
    struct Judged: Sendable {
        var file: String
        var submitted: CivilDate?
        var verdict: Verdict
        var layout: RequirementLayout?
        var statuses: [RequirementStatus]
        /// Its KPI figures (part and whole, where both were given), taken back out of the run's
        /// totals when a resubmission supersedes it: figures only, so that a run of thousands
        /// of returns keeps no copy of each KPI's words.
        var kpis: [(part: Int, whole: Int)?]
        var notChecked: Int
        /// The categories of its errors (`FindingCategory.mask`): why its contract fails.
        var categories: UInt8

        init(_ report: DocumentReport) {
            file = report.file
            submitted = report.submittedOn
            verdict = report.verdict
            layout = report.layout
            statuses = report.statuses
            kpis = report.kpis.map { kpi in kpi.part.flatMap { part in kpi.whole.map { (part, $0) } } }
            notChecked = report.notChecked
            categories = FindingCategory.mask(ofErrors: report.findings)
        }
    }

    var seen: [Key: String] = [:]
    /// The return judged for each contract and period so far.
    var judged: [Key: Judged] = [:]
    /// Returns replaced by a later one for the same contract and period (`superseded`): the
    /// earlier file, the later, and their dates. They are not counted.
    package private(set) var superseded: [(earlier: String, later: String, earlierDate: CivilDate, laterDate: CivilDate)] = []
    /// The superseded returns by file name: the same whatever the order they were given in.
    package var supersededByFile: [(earlier: String, later: String, earlierDate: CivilDate, laterDate: CivilDate)] {
        superseded.sorted { ($0.earlier, $0.later) < ($1.earlier, $1.later) }
    }
    /// Each return's watched counts, by contract and the last day of its period.
    /// A contract's returns watch the same fields, few of them: a list, searched.
    var watched: [Key: (file: String, counts: [(field: String, value: Int)])] = [:]
    /// A fall of this many per cent or more in a watched count is a finding (the contract's
    /// `disclosure_fall_percent`, by contract reference).
    package var fallPercent: [String: Int] = [:]
    /// Documents judged, by verdict.
    package private(set) var counts: [Verdict: Int] = [:]
    /// The quarter being checked (`--period-ending`): returns for periods ending in these three
    /// months are the quarter's; a return for a period that ended before is reported as such.
    package var quarter: (from: CivilDate, to: CivilDate)?
    /// Each contract's worst verdict over the returns judged (a superseded return left out,
    /// and with a quarter a return for an earlier period), by reference. Bids do not count: a
    /// tender is not failing because one bid falls short. The board works out the same in its
    /// one pass over the counted returns (`Board.init`), with the same `worst`.
    package var contractVerdicts: [String: Verdict] {
        var result = unperiodVerdicts
        for (key, entry) in judged where inQuarter(key.end) { result[key.contract] = Self.worst(result[key.contract], entry.verdict) }
        return result
    }

    /// Whether a return for a period ending on `end` is the quarter's (any, without a quarter).
    /// The returns that count for their contract are those of `judged` (one a contract and
    /// period, the later of a resubmission) for which this holds.
    func inQuarter(_ end: CivilDate) -> Bool { quarter.map { end >= $0.from && end <= $0.to } ?? true }

    /// The worst verdict of each contract's returns not counted as its period's return but
    /// telling of the contract all the same: a return whose period could not be read, and a
    /// second return for a period (`duplicate-period`).
    var unperiodVerdicts: [String: Verdict] = [:]
    /// The categories of those returns' errors, by contract.
    var unperiodCategories: [String: UInt8] = [:]
    /// How many returns there were whose period could not be read: they count for their
    /// contract as invalid returns.
    package private(set) var unperiodReturns: [String: Int] = [:]
    /// Bids judged, by contract reference.
    package private(set) var bids: [String: Int] = [:]

    /// The worse of two verdicts (by `rank`): what a contract's returns make of it.
    static func worst(_ a: Verdict?, _ b: Verdict) -> Verdict { a.map { rank($0) > rank(b) ? $0 : b } ?? b }
    /// Requirements not checked over the run (the policy file, without `--evidence`).
    package private(set) var notChecked = 0

    /// Creates an empty tracker.
    package init() {}

    /// Records a report; adds a `duplicate-period` error to it when another document of the
    /// run is a return for the same contract and period.
    ///
    /// - Parameter report: A document's report.
    /// - Returns: The report, with the finding added when it is a duplicate.
    package mutating func record(_ report: DocumentReport) -> DocumentReport {
        var report = report
        // A return for a period that ended before the quarter is not this quarter's return.
        if let quarter, report.kind == .return, let end = report.periodEnd, end < quarter.from {
            report.findings.append(
                Finding(
                    .warning, "return-for-earlier-period",
                    "this return is for \(report.periodStart.map { "\($0)" } ?? "?") to \(end), a period that ended before the quarter from \(quarter.from) to \(quarter.to): it is not counted as this quarter's return",
                    at: .start(of: report.file)))
            report.findings.sort(by: Finding.reportOrder)
        } else if !report.contract.isEmpty && report.kind == .bid {
            bids[report.contract, default: 0] += 1
        } else if !report.contract.isEmpty && report.kind == .return && report.periodEnd == nil {
            unperiodVerdicts[report.contract] = Self.worst(unperiodVerdicts[report.contract], report.verdict)
            unperiodCategories[report.contract, default: 0] |= FindingCategory.mask(ofErrors: report.findings)
            unperiodReturns[report.contract, default: 0] += 1
        }
        var counted = true
        if report.kind == .return, let start = report.periodStart, let end = report.periodEnd {
            let key = Key(contract: report.contract, start: start, end: end)
            // A resubmission (SPEC §8): of two returns for one contract and period, the one
            // submitted later is judged and the earlier superseded, whatever the order of the
            // arguments; the same date, or one not given, stays a duplicate-period error.
            if let first = judged[key], let earlier = first.submitted, let later = report.submittedOn, earlier != later {
                if later > earlier {
                    // The earlier was given first, and its report has gone out: the run's
                    // totals take it back, and the summary names it.
                    superseded.append((first.file, report.file, earlier, later))
                    counts[first.verdict, default: 0] -= 1
                    notChecked -= first.notChecked
                    if inQuarter(end) { remove(first.kpis, contract: report.contract) }
                    judged[key] = Judged(report)
                } else {
                    report.findings.append(
                        Finding(
                            .info, "return-superseded",
                            "this return was submitted on \(later), before '\(first.file)' (submitted on \(earlier)) for the same period: that one is judged, and this one is not counted",
                            at: .start(of: report.file), notes: [Note("the later return", at: .start(of: first.file))]))
                    report.findings.sort(by: Finding.reportOrder)
                    superseded.append((report.file, first.file, later, earlier))
                    counted = false
                }
            } else if let first = seen[key] {
                report.findings.append(
                    Finding(
                        .error, "duplicate-period",
                        "a second return for contract \(report.contract), period \(start) to \(end), in one run; the first is '\(first)'",
                        at: .start(of: report.file), notes: [Note("the first return for that period", at: .start(of: first))]))
                report.findings.sort(by: Finding.reportOrder)
                if report.verdict == .compliant { report.verdict = .nonCompliant }
                if inQuarter(end) {
                    unperiodVerdicts[report.contract] = Self.worst(unperiodVerdicts[report.contract], report.verdict)
                    unperiodCategories[report.contract, default: 0] |= FindingCategory.mask(ofErrors: report.findings)
                }
            } else {
                seen[key] = report.file
                judged[key] = Judged(report)
            }
            if !report.watched.isEmpty {
                compareWithPreviousPeriod(&report, start: start, end: end)
            }
        }
        guard counted else { return report }
        counts[report.verdict, default: 0] += 1
        if report.findings.first?.code == "contract-defective" { unjudged += 1 }
        notChecked += report.notChecked
        // With a quarter, only the quarter's returns are rated in its summary.
        if !report.kpis.isEmpty && (report.periodEnd.map(inQuarter) ?? true) {
            Self.add(report.kpis, of: report.contract, to: &kpiTotals[report.contract, default: []])
        }
        return report
    }

    /// Adds a return's KPI figures to its contract's totals (modified in place: this runs for
    /// every return). A contract's KPIs come in the same order in each of its returns.
    static func add(_ kpis: [KPIResult], of contract: String, to totals: inout [KPITotal]) {
        if totals.isEmpty { totals = kpis.map { KPITotal(contract: contract, kpi: $0, part: 0, whole: 0, returns: 0) } }
        for (i, kpi) in kpis.enumerated() {
            guard i < totals.count, let part = kpi.part, let whole = kpi.whole else { continue }
            totals[i].part += part
            totals[i].whole += whole
            totals[i].returns += 1
        }
    }

    /// Takes a superseded return's KPI figures back out of its contract's totals.
    mutating func remove(_ kpis: [(part: Int, whole: Int)?], contract: String) {
        guard var totals = kpiTotals[contract], totals.count == kpis.count else { return }
        for (i, figures) in kpis.enumerated() {
            guard let figures else { continue }
            totals[i].part -= figures.part
            totals[i].whole -= figures.whole
            totals[i].returns -= 1
        }
        kpiTotals[contract] = totals
    }

    /// Adds a `count-fell` warning for each watched count that fell by the contract's
    /// threshold or more from the previous period's return in this run (given earlier on the
    /// command line). A fall is for review: it is never a pass, and never a failure either.
    mutating func compareWithPreviousPeriod(_ report: inout DocumentReport, start: CivilDate, end: CivilDate) {
        let counts = report.watched.map { (field: $0.field, value: $0.value) }
        let lastDayBefore = start.adding(days: -1)
        let threshold = fallPercent[report.contract] ?? 50
        if let previous = watched[Key(contract: report.contract, start: lastDayBefore, end: lastDayBefore)] {
            for item in report.watched {
                // Small counts rise and fall by chance; a fall from 4 or fewer is not followed.
                guard let before = previous.counts.first(where: { $0.field == item.field })?.value, before > 4,
                    (before - item.value) * 100 >= threshold * before
                else {
                    continue
                }
                report.findings.append(
                    Finding(
                        .warning, "count-fell",
                        "'\(item.field)' fell from \(before) in the previous period to \(item.value), by \((before - item.value) * 100 / before)%: fewer disclosures usually mean fewer people asked, or fewer who feel safe to tell, not less abuse; say why in a note to the commissioner",
                        at: item.location, field: item.field, notes: [Note("the previous period's return", at: .start(of: previous.file))]))
            }
            report.findings.sort(by: Finding.reportOrder)
        }
        watched[Key(contract: report.contract, start: end, end: end)] = (report.file, counts)
    }

    /// A KPI's figures summed over the run's returns for one contract.
    package struct KPITotal: Sendable {
        package var contract: String
        package var kpi: KPIResult
        package var part: Int
        package var whole: Int
        /// Returns whose figures were summed.
        package var returns: Int

        /// The rating of the summed share.
        package var rating: KPIRating { returns == 0 ? .other : kpi.bands.rate(part: part, whole: whole) }
    }

    /// Each contract's KPIs, in the order of its returns' KPIs.
    var kpiTotals: [String: [KPITotal]] = [:]

    /// Each KPI of each contract over the run, by contract and then schedule order of the
    /// clause number.
    package var kpis: [KPITotal] {
        // By contract, then clause number and requirement: the contracts sorted once, each
        // contract's few KPIs among themselves (a quarter's portfolio has thousands in all).
        kpiTotals.keys.sorted().flatMap { contract in
            kpiTotals[contract]!.sorted { ($0.kpi.number, $0.kpi.requirement) < ($1.kpi.number, $1.kpi.requirement) }
        }
    }

    /// Documents not judged because their contract has errors (counted as invalid too).
    package private(set) var unjudged = 0

    /// Documents judged so far.
    package var total: Int { counts.values.reduce(0, +) + superseded.count }

    /// How bad a verdict is, for a contract's worst.
    static func rank(_ verdict: Verdict) -> Int {
        switch verdict {
        case .compliant: 0
        case .nonCompliant: 1
        case .invalid: 2
        }
    }

    /// Whether the run holds a return for a contract's period.
    package func hasReturn(contract: String, period: ReportingPeriod) -> Bool {
        seen[Key(contract: contract, start: period.start, end: period.end)] != nil
    }

    /// The periods of a contract a return is expected for in the quarter: those that end within
    /// it (one for a quarterly contract, three for a monthly one, none for an annual contract
    /// whose period ends outside it).
    package static func expected(_ contract: Contract, from: CivilDate, to: CivilDate) -> [ReportingPeriod] {
        contract.periods.filter { $0.end >= from && $0.end <= to }
    }
}

/// Renders reports as text (the compiler convention, then the requirement table) or JSON
/// (SPEC §7).
package enum ReportRenderer {
    /// A finding's line, with the clause and its number in this contract before the message.
    package static func line(_ finding: Finding, numbers: [String: String]) -> String {
        var out = TextBuffer(capacity: 160)
        out.add(finding, numbers: numbers)
        return out.string
    }

    /// The text report of one document.
    ///
    /// - Parameters:
    ///   - report: The report.
    ///   - numbers: Clause numbers of the contract.
    ///   - brief: Without the small-number infos, the requirement table and the KPI ratings
    ///     (`check --brief`): the other findings, the verdict and who and what, for a quarter
    ///     read for its problems.
    /// - Returns: Lines ending in a newline.
    package static func text(_ report: DocumentReport, numbers: [String: String], brief: Bool = false) -> String {
        // Built as bytes and made a string once: this runs once per document of a portfolio.
        var out = TextBuffer(capacity: 160 + 48 * report.statuses.count + 200 * report.findings.count)
        var errors = 0
        var warnings = 0
        var infos = 0
        for finding in report.findings {
            switch finding.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
            // Brief: a small number is the supplier's to know (not to publish), not a problem;
            // it is counted on the verdict's line. Other infos (a return superseded) stay.
            if brief && finding.code == "small-number" { continue }
            out.add(finding, numbers: numbers)
            out.add("\n")
        }
        out.addVisible(report.file)
        out.add(": ")
        if let kind = report.kind {
            out.add(kind.rawValue)
            out.add(" for contract ")
        } else {
            out.add("document for contract ")
        }
        out.add(report.contract.isEmpty ? "(not read)" : report.contract)
        if let start = report.periodStart, let end = report.periodEnd {
            out.add(", period ")
            out.add(start.description)
            out.add(" to ")
            out.add(end.description)
        }
        out.add(": ")
        out.add(report.verdict.rawValue)
        out.add(" (")
        out.add(errors)
        out.add(" error(s), ")
        out.add(warnings)
        out.add(" warning(s), ")
        out.add(infos)
        out.add(" info")
        let notChecked = report.notChecked
        if notChecked > 0 {
            out.add("; \(notChecked) requirement(s) not checked")
        }
        out.add(")")
        if report.isSuperseded { out.add("; superseded by a later return: not counted") }
        out.add("\n")
        if let parties = report.parties { out.add(parties, kind: report.kind) }
        if brief { return out.string }
        if let layout = report.layout, !layout.rows.isEmpty {
            out.add(layout.heading)
            // Each row's line and its status's, ready made: this runs for every row of every return.
            layout.lineBytes.withUnsafeBufferPointer { lines in
                for (row, status) in report.statuses.enumerated() {
                    out.add(UnsafeBufferPointer(rebasing: lines[layout.lineRanges[row]]))
                    RequirementLayout.statusLines[status.index].withUnsafeBufferPointer { out.add($0) }
                }
            }
        }
        if !report.kpis.isEmpty {
            out.add("  KPI ratings (in the contract's bands)\n")
            let heads = report.layout?.kpiHeads ?? []
            let kpis = report.kpis
            // Added piece by piece, the figures as numbers, each read where the report holds it
            // (a KPI copied out is four strings retained and released): this runs for every
            // KPI of every return.
            for i in kpis.indices {
                if i < heads.count {
                    out.add(heads[i])
                } else {
                    out.add(RequirementLayout.kpiHead(number: kpis[i].number, clause: kpis[i].clause, measure: kpis[i].measure))
                }
                if let part = kpis[i].part, let whole = kpis[i].whole {
                    out.add(part)
                    out.add(" of ")
                    out.add(whole)
                    if whole != 0 {
                        out.add(" (")
                        out.add(KPIResult.percent(part: part, whole: whole))
                        out.add("%)")
                    }
                } else {
                    out.add(kpis[i].figures)
                }
                out.add(", target ")
                out.add(kpis[i].bands.target)
                out.add("%: ")
                out.add(kpis[i].rating.rawValue)
                out.add("\n")
            }
        }
        return out.string
    }

    /// The closing summary of a run.
    package static func summary(_ tracker: PortfolioTracker) -> String {
        let c = tracker.counts
        var out =
            "\(tracker.total) document(s): \(c[.compliant] ?? 0) compliant, \(c[.nonCompliant] ?? 0) non-compliant, \(c[.invalid] ?? 0) invalid"
            + (tracker.superseded.isEmpty ? "" : ", \(tracker.superseded.count) superseded by a later return (not counted)") + "\n"
        for item in tracker.supersededByFile {
            out +=
                "superseded: \(item.earlier.terminalSafe) (submitted on \(item.earlierDate)) by \(item.later.terminalSafe) (submitted on \(item.laterDate))\n"
        }
        if tracker.notChecked > 0 {
            out +=
                "\(tracker.notChecked) requirement(s) not checked: no evidence folder given; check again with --evidence DIR to check the policy files\n"
        }
        let kpis = tracker.kpis
        if !kpis.isEmpty {
            // A board reads one line a measure: how many contracts were rated in each band over
            // the run (each contract's returns summed). The JSON summary has every contract's.
            out += "KPI ratings over the run, contracts by band (each contract's returns summed):\n"
            // One line a measure and target: the same words with two targets (Marac attendance
            // at 100% for a specialist service, 75% for a partner) are two measures.
            // Counted by measure and target, each a line's words made once: a quarter has
            // thousands of KPI totals and a few measures.
            struct Measure: Hashable {
                var measure: String
                var target: Int
            }
            var order: [Measure] = []
            var counts: [Measure: [Int]] = [:]
            let ratings = KPIRating.allCases
            let none = Array(repeating: 0, count: ratings.count)
            for total in kpis {
                let key = Measure(measure: total.kpi.measure, target: total.kpi.bands.target)
                let measures = counts.count
                counts[key, default: none][ratings.firstIndex(of: total.rating)!] += 1
                if counts.count > measures { order.append(key) }
            }
            for key in order {
                let bands = zip(ratings, counts[key]!).compactMap { rating, count in count > 0 ? "\(count) \(rating.rawValue)" : nil }
                out += "  \(key.measure) (target \(key.target)%): \(bands.joined(separator: ", "))\n"
            }
        }
        return out
    }

}

extension TextBuffer {
    /// The line under a document's verdict that says who and what: for a return the supplier,
    /// service and tier, commissioner, and due date; for a bid the bidder.
    mutating func add(_ parties: Parties, kind: DocumentKind?) {
        if kind == .bid {
            add("  bidder: ")
            addVisible(parties.bidder ?? "(not given)")
            add("; tender for ")
        } else {
            add("  supplier: ")
            addVisible(parties.supplier)
            add("; ")
        }
        add(parties.service)
        add(" (")
        add(parties.tier)
        add(" tier); commissioner: ")
        addVisible(parties.commissioner)
        if let due = parties.due {
            add("; due ")
            add(due.description)
            if let late = parties.daysLate {
                add(late == 0 ? ", on time" : ", \(late) day(s) late")
            }
        }
        add("\n")
    }
}

extension String {
    /// Appends `text` and then spaces up to `width` characters.
    mutating func append(padding text: String, to width: Int) {
        self += text
        var count = text.count
        while count < width {
            self += " "
            count += 1
        }
    }
}
