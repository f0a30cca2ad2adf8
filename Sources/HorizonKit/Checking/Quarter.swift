package import HorizonModel

/// The quarter as a run (`check --period-ending DATE`, issue #16): for every contract given, a
/// return is expected for each of its reporting periods that ends in the three months up to and
/// including the date; a contract without one is `return-missing`, located at its reference.
/// Each contract's standing (compliant, non-compliant, invalid, missing a return, no return
/// due) is the board's (`Board`), so that the summary counts contracts as well as documents.
package struct QuarterOutcome: Sendable {
    /// One return that never came.
    package struct Missing: Sendable {
        package var contract: String
        package var period: ReportingPeriod
        package var location: SourceLocation
    }

    package var from: CivilDate
    package var to: CivilDate
    package var missing: [Missing] = []

    /// Works out the quarter from the run.
    ///
    /// - Parameters:
    ///   - tracker: The run's tracker, after every document.
    ///   - contracts: The contracts given (without errors).
    ///   - locations: Where each contract's reference is written, by reference.
    package init(_ tracker: PortfolioTracker, contracts: [Contract], locations: [String: SourceLocation]) {
        from = tracker.quarter?.from ?? CivilDate(dayNumber: 0)
        to = tracker.quarter?.to ?? CivilDate(dayNumber: 0)
        for contract in contracts.sorted(by: { $0.reference < $1.reference }) {
            for period in PortfolioTracker.expected(contract, from: from, to: to)
            where !tracker.hasReturn(contract: contract.reference, period: period) {
                missing.append(
                    Missing(
                        contract: contract.reference, period: period,
                        location: locations[contract.reference] ?? .start(of: contract.file)))
            }
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
}
