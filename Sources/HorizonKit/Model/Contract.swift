/// How often returns are due.
public enum ReportingFrequency: String, Sendable, Hashable, CaseIterable {
    case quarterly
    case halfYearly = "half-yearly"
    case annual

    /// Months in one reporting period.
    public var months: Int {
        switch self {
        case .quarterly: 3
        case .halfYearly: 6
        case .annual: 12
        }
    }
}

/// One reporting period of a contract, counted from its start.
public struct ReportingPeriod: Sendable, Hashable {
    /// 1 for the first period.
    public var number: Int
    public var start: CivilDate
    public var end: CivilDate
    /// The last day a return for the period is on time.
    public var due: CivilDate
}

/// A clause left out of a contract, with the reason the contract gives.
public struct OmittedClause: Sendable, Hashable {
    public var id: String
    public var title: String
    public var reason: String
}

/// A contract specification (`Contracts/*.yaml`), validated against its library and resolved:
/// its tier, its clauses in schedule order with their numbers, its parameter values and its
/// reporting periods.
public struct Contract: Sendable {
    public var file: String
    public var reference: String
    public var title: String
    public var commissioner: String
    /// The supplier's name, or "to be awarded" at tender.
    public var supplier: String
    public var service: Service
    /// The tier in force: the catalogue's, or the higher one the contract names.
    public var tier: String
    public var start: CivilDate
    public var end: CivilDate
    public var reporting: ReportingFrequency
    public var returnDueDays: Int
    public var libraryID: String
    public var libraryVersion: String
    /// Every parameter of the contract's clauses: the contract's value or the default.
    public var parameters: [String: ParameterValue]
    /// The parameters the contract itself sets.
    public var setParameters: Set<String>
    /// The clauses in force, in schedule order.
    public var clauses: [Clause]
    /// Clause id to its number in the schedule, such as "3.2".
    public var numbers: [String: String]
    /// Clause id to its section (area) number and title, in schedule order.
    public var sections: [(number: Int, area: Area, clauses: [Clause])]
    public var added: [String]
    public var omitted: [OmittedClause]
    public var periods: [ReportingPeriod]

    /// True while the supplier is "to be awarded".
    public var isAtTender: Bool { supplier.lowercased() == "to be awarded" }

    /// The value of a whole-number parameter.
    public func int(_ name: String) -> Int? { parameters[name]?.intValue }

    /// The clause number, or the id when the clause is not in the contract.
    public func number(of clauseID: String) -> String? { numbers[clauseID] }
}
