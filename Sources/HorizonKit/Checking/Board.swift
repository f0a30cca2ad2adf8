package import HorizonModel

/// What a board asks of a run (issue #16): every contract given, with its parties and its
/// standing, and the run's returns summed by supplier, by service, by tier and by clause, the
/// worst first. Worked out once, after the last document, from the tracker's counted returns
/// (a superseded return, and with a quarter a return for an earlier period, left out) and, for a
/// quarter, the returns that never came.
package struct Board: Sendable {
    /// How a contract stands over the run.
    package enum Standing: String, Sendable, CaseIterable {
        case compliant
        case nonCompliant = "non-compliant"
        case invalid
        /// A return due in the quarter never came (`--period-ending` only).
        case missing
        /// No period of the contract ends in the quarter (`--period-ending` only).
        case noReturnDue = "no return due"
        /// Without a quarter: the run holds no return for it (a tender's bids do not count).
        case noReturns = "no returns"
        /// The contract file has errors: nothing for it was judged.
        case defective

        /// The JSON spelling: kebab-case.
        package var code: String {
            switch self {
            case .compliant: "compliant"
            case .nonCompliant: "non-compliant"
            case .invalid: "invalid"
            case .missing: "missing"
            case .noReturnDue: "no-return-due"
            case .noReturns: "no-returns"
            case .defective: "defective"
            }
        }

        /// Whether the contract is failing: what sorts a group among the worst.
        package var isFailing: Bool { self == .nonCompliant || self == .invalid || self == .missing || self == .defective }
    }

    /// One contract of the run.
    package struct ContractRow: Sendable {
        package var reference: String
        package var file: String
        /// `nil` for a contract with errors: its parties could not be trusted.
        package var supplier: String?
        package var service: String?
        package var tier: String?
        package var commissioner: String?
        package var reporting: String?
        package var standing: Standing
        /// Returns counted for it (a superseded one, and in a quarter one for an earlier period,
        /// left out).
        package var returns = 0
        package var bids = 0
        /// Returns due in the quarter that never came.
        package var missing = 0
        /// What kind of failure it is: the categories of its counted returns' errors, and
        /// `timeliness` for a return that never came, in the order of `FindingCategory`.
        package var categories: [FindingCategory] = []
        /// Requirements met, and not met (not met, partly met, or data missing: short of the
        /// duty all the same), over its counted returns.
        package var met = 0
        package var notMet = 0
    }

    /// The contracts of one supplier, service or tier.
    package struct Group: Sendable {
        package var name: String
        package var contracts = 0
        package var standings: [Standing: Int] = [:]
        package var returns = 0
        package var met = 0
        package var notMet = 0

        package func count(_ standing: Standing) -> Int { standings[standing] ?? 0 }
        /// Contracts non-compliant, invalid or missing a return.
        package var failing: Int { standings.filter { $0.key.isFailing }.values.reduce(0, +) }
    }

    /// One clause's requirements over the run's counted returns.
    package struct ClauseRow: Sendable {
        package var clause: String
        package var title: String
        package var statuses: [RequirementStatus: Int] = [:]
        /// Contracts with at least one return in which a requirement of the clause was not met,
        /// partly met or short of data.
        package var contractsNotMet = 0

        package func count(_ status: RequirementStatus) -> Int { statuses[status] ?? 0 }
        /// Not met, partly met, or not met for want of data: what sorts a clause among the worst.
        package var notMet: Int { count(.notMet) + count(.dataMissing) + count(.partlyMet) }
    }

    package var contracts: [ContractRow] = []
    package var bySupplier: [Group] = []
    package var byService: [Group] = []
    package var byTier: [Group] = []
    package var byClause: [ClauseRow] = []

    /// What the run's counted returns make of one contract: its worst verdict, the categories
    /// of its errors, its returns, and its requirements met and short.
    struct Tally {
        var verdict: Verdict?
        var mask: UInt8 = 0
        var returns = 0
        var met = 0
        var short = 0
    }

    /// Counts a return's statuses by row and status, in a flat table of `RequirementStatus`'s
    /// cases a row.
    static func count(_ statuses: [RequirementStatus], into counts: inout [Int]) {
        let width = RequirementStatus.allCases.count
        counts.withUnsafeMutableBufferPointer { counts in
            for (i, status) in statuses.enumerated() { counts[i * width + status.index] += 1 }
        }
    }

    /// Adds a counted return to its contract's tally.
    static func add(_ verdict: Verdict, categories: UInt8, met: Int, short: Int, to tally: inout Tally) {
        tally.verdict = PortfolioTracker.worst(tally.verdict, verdict)
        tally.mask |= categories
        tally.returns += 1
        tally.met += met
        tally.short += short
    }

    /// Works out the board from a finished run.
    ///
    /// - Parameters:
    ///   - tracker: The run's tracker, after every document.
    ///   - contracts: The contracts given without errors.
    ///   - defective: The contracts given with errors: reference to file.
    ///   - quarter: The quarter's outcome, with `--period-ending`.
    ///   - titles: Clause titles by id, from the library.
    package init(
        _ tracker: PortfolioTracker, contracts: [Contract], defective: [String: String], quarter: QuarterOutcome?,
        titles: [String: String]
    ) {
        // Each counted return, in one pass: its contract's tally (one look-up a return), and
        // its requirements' statuses. Returns on one contract kind share a layout, so statuses
        // are counted by layout and row (integers only), and turned into clauses once a layout.
        var tallies: [String: Tally] = [:]
        for (contract, verdict) in tracker.unperiodVerdicts { tallies[contract, default: Tally()].verdict = verdict }
        for (contract, mask) in tracker.unperiodCategories { tallies[contract, default: Tally()].mask |= mask }
        for item in quarter?.missing ?? [] { tallies[item.contract, default: Tally()].mask |= FindingCategory.timeliness.bit }
        var byLayout: [ObjectIdentifier: (layout: RequirementLayout, counts: [Int])] = [:]
        var notMetBy: [String: Set<String>] = [:]
        let statuses = RequirementStatus.allCases
        for (key, entry) in tracker.judged where tracker.inQuarter(key.end) {
            var met = 0
            var short = 0
            if let layout = entry.layout {
                // One lookup a return, its counts changed in place.
                Self.count(
                    entry.statuses,
                    into: &byLayout[
                        ObjectIdentifier(layout), default: (layout, Array(repeating: 0, count: statuses.count * layout.rows.count))
                    ].counts)
                for (i, status) in entry.statuses.enumerated() {
                    switch status {
                    case .met: met += 1
                    case .notMet, .dataMissing, .partlyMet:
                        short += 1
                        notMetBy[layout.rows[i].clause, default: []].insert(key.contract)
                    default: break
                    }
                }
            }
            Self.add(
                entry.verdict, categories: entry.categories, met: met, short: short, to: &tallies[key.contract, default: Tally()])
        }
        var missing: [String: Int] = [:]
        for item in quarter?.missing ?? [] { missing[item.contract, default: 0] += 1 }
        var rows: [String: ContractRow] = [:]
        for contract in contracts {
            let absent = missing[contract.reference] ?? 0
            let standing: Standing
            switch tallies[contract.reference]?.verdict {
            case _ where absent > 0: standing = .missing
            case .invalid: standing = .invalid
            case .nonCompliant: standing = .nonCompliant
            case .compliant: standing = .compliant
            case nil:
                guard let quarter else {
                    standing = .noReturns
                    break
                }
                standing = PortfolioTracker.expected(contract, from: quarter.from, to: quarter.to).isEmpty ? .noReturnDue : .missing
            }
            rows[contract.reference] = ContractRow(
                reference: contract.reference, file: contract.file, supplier: contract.supplier, service: contract.service.id,
                tier: contract.tier, commissioner: contract.commissioner, reporting: contract.reporting.rawValue, standing: standing,
                returns: tracker.unperiodReturns[contract.reference] ?? 0, bids: tracker.bids[contract.reference] ?? 0,
                missing: absent)
        }
        for (reference, file) in defective where rows[reference] == nil {
            rows[reference] = ContractRow(
                reference: reference, file: file, supplier: nil, service: nil, tier: nil, commissioner: nil, reporting: nil,
                standing: .defective)
        }
        for (reference, tally) in tallies where rows[reference] != nil {
            rows[reference]!.returns += tally.returns
            rows[reference]!.met += tally.met
            rows[reference]!.notMet += tally.short
            rows[reference]!.categories = FindingCategory.categories(in: tally.mask)
        }
        var clauses: [String: ClauseRow] = [:]
        for (layout, counts) in byLayout.values {
            for (r, row) in layout.rows.enumerated() {
                for (status, count) in zip(statuses, counts[r * statuses.count..<(r + 1) * statuses.count]) where count > 0 {
                    clauses[row.clause, default: ClauseRow(clause: row.clause, title: titles[row.clause] ?? row.clause)].statuses[
                        status, default: 0] += count
                }
            }
        }
        self.contracts = rows.values.sorted { $0.reference < $1.reference }
        for (clause, set) in notMetBy { clauses[clause]?.contractsNotMet = set.count }
        // The most requirements short first; then the most not met on the figures (a duty
        // failed rather than a slip in the data), the most contracts, and the clause id.
        byClause = clauses.values.sorted {
            ($1.notMet, $1.count(.notMet), $1.contractsNotMet, $0.clause) < ($0.notMet, $0.count(.notMet), $0.contractsNotMet, $1.clause)
        }
        let judged = self.contracts.filter { $0.standing != .defective }
        bySupplier = Self.groups(judged) { $0.supplier ?? "" }
        byService = Self.groups(judged) { $0.service ?? "" }
        byTier = Self.groups(judged) { $0.tier ?? "" }
    }

    /// Contracts grouped by a name, the worst first: the most contracts failing, then the most
    /// requirements not met, then by name.
    static func groups(_ rows: [ContractRow], by name: (ContractRow) -> String) -> [Group] {
        var groups: [String: Group] = [:]
        for row in rows {
            // Taken out and put back: one lookup each way, and the group's own tally is never
            // copied while the dictionary holds it too.
            let key = name(row)
            var group = groups.removeValue(forKey: key) ?? Group(name: key)
            group.contracts += 1
            group.standings[row.standing, default: 0] += 1
            group.returns += row.returns
            group.met += row.met
            group.notMet += row.notMet
            groups[key] = group
        }
        return groups.values.sorted { ($1.failing, $1.notMet, $0.name) < ($0.failing, $0.notMet, $1.name) }
    }

    /// How many contracts stand each way.
    package func count(_ standing: Standing) -> Int { contracts.filter { $0.standing == standing }.count }
}
