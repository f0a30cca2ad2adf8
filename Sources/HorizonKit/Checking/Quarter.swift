package import HorizonModel

/// The quarter as a run (`check --period-ending DATE`, issue #16): for every contract given, a
/// return is expected for each of its reporting periods that ends in the three months up to and
/// including the date; a contract without one is `return-missing`, located at its reference.
/// Each contract then stands as compliant, non-compliant, invalid, missing a return, or with no
/// return due, so that the summary counts contracts as well as documents.
package struct QuarterOutcome: Sendable {
    package enum Standing: String, Sendable, CaseIterable {
        case compliant
        case nonCompliant = "non-compliant"
        case invalid
        case missing
        case noReturnDue = "no return due"

        /// The JSON spelling: kebab-case.
        package var code: String {
            switch self {
            case .compliant: "compliant"
            case .nonCompliant: "non-compliant"
            case .invalid: "invalid"
            case .missing: "missing"
            case .noReturnDue: "no-return-due"
            }
        }
    }

    /// One return that never came.
    package struct Missing: Sendable {
        package var contract: String
        package var period: ReportingPeriod
        package var location: SourceLocation
    }

    package var from: CivilDate
    package var to: CivilDate
    package var missing: [Missing] = []
    package var standings: [String: Standing] = [:]

    /// Works out the quarter from the run.
    ///
    /// - Parameters:
    ///   - tracker: The run's tracker, after every document.
    ///   - contracts: The contracts given (without errors).
    ///   - locations: Where each contract's reference is written, by reference.
    package init(_ tracker: PortfolioTracker, contracts: [Contract], locations: [String: SourceLocation]) {
        from = tracker.quarter?.from ?? CivilDate(dayNumber: 0)
        to = tracker.quarter?.to ?? CivilDate(dayNumber: 0)
        // Worked out once: each contract's worst verdict over the run's documents.
        let verdicts = tracker.contractVerdicts
        for contract in contracts.sorted(by: { $0.reference < $1.reference }) {
            let expected = PortfolioTracker.expected(contract, from: from, to: to)
            let absent = expected.filter { !tracker.hasReturn(contract: contract.reference, period: $0) }
            for period in absent {
                missing.append(
                    Missing(
                        contract: contract.reference, period: period,
                        location: locations[contract.reference] ?? .start(of: contract.file)))
            }
            let standing: Standing
            switch verdicts[contract.reference] {
            case _ where !absent.isEmpty: standing = .missing
            case .invalid: standing = .invalid
            case .nonCompliant: standing = .nonCompliant
            case .compliant: standing = .compliant
            case nil: standing = expected.isEmpty ? .noReturnDue : .missing
            }
            standings[contract.reference] = standing
        }
    }

    /// The `return-missing` errors, one per period without a return.
    package var findings: [Finding] {
        missing.map { item in
            Finding(
                .error, "return-missing",
                "no return for contract \(item.contract), period \(item.period.number) (\(item.period.start) to \(item.period.end)), due by \(item.period.due)",
                at: item.location)
        }
    }

    /// How many contracts stand each way.
    package func count(_ standing: Standing) -> Int { standings.values.filter { $0 == standing }.count }

    /// The summary line: "12 contract(s) for the quarter 2027-07-01 to 2027-09-30: …".
    package var summary: String {
        "\(standings.count) contract(s) for the quarter \(from) to \(to): \(count(.compliant)) compliant, \(count(.nonCompliant)) non-compliant, "
            + "\(count(.invalid)) invalid, \(count(.missing)) missing a return, \(count(.noReturnDue)) with no return due\n"
    }
}
