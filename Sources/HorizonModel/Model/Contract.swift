/// How often returns are due.
package enum ReportingFrequency: String, Sendable, Hashable, CaseIterable {
    case monthly
    case quarterly
    case halfYearly = "half-yearly"
    case annual

    /// Months in one reporting period.
    package var months: Int {
        switch self {
        case .monthly: 1
        case .quarterly: 3
        case .halfYearly: 6
        case .annual: 12
        }
    }
}

/// One reporting period of a contract, counted from its start.
package struct ReportingPeriod: Sendable, Hashable {
    /// 1 for the first period.
    package var number: Int
    package var start: CivilDate
    package var end: CivilDate
    /// The last day a return for the period is on time.
    package var due: CivilDate

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(number: Int, start: CivilDate, end: CivilDate, due: CivilDate) {
        self.number = number
        self.start = start
        self.end = end
        self.due = due
    }
}

/// A clause left out of a contract, with the reason the contract gives.
package struct OmittedClause: Sendable, Hashable {
    package var id: String
    package var title: String
    package var reason: String

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(id: String, title: String, reason: String) {
        self.id = id
        self.title = title
        self.reason = reason
    }
}

/// A contract specification (`Contracts/*.yaml`), validated against its library and resolved:
/// its tier, its clauses in schedule order with their numbers, its parameter values and its
/// reporting periods.
package struct Contract: Sendable {
    package var file: String
    package var reference: String
    package var title: String
    package var commissioner: String
    /// The supplier's name, or "to be awarded" at tender.
    package var supplier: String
    package var service: Service
    /// The tier in force: the catalogue's, or the higher one the contract names.
    package var tier: String
    package var start: CivilDate
    package var end: CivilDate
    package var reporting: ReportingFrequency
    package var returnDueDays: Int
    package var libraryID: String
    package var libraryVersion: String
    /// Every parameter of the contract's clauses: the contract's value or the default.
    package var parameters: [String: ParameterValue]
    /// The parameters the contract itself sets.
    package var setParameters: Set<String>
    /// The clauses in force, in schedule order.
    package var clauses: [Clause]
    /// Clause id to its number in the schedule, such as "3.2".
    package var numbers: [String: String]
    /// Clause id to its section (area) number and title, in schedule order.
    package var sections: [(number: Int, area: Area, clauses: [Clause])]
    package var added: [String]
    package var omitted: [OmittedClause]
    package var periods: [ReportingPeriod]

    /// What the contract's clauses as held and its checks depend on: the tier, the clauses
    /// added and left out, and the parameter values the contract sets. Contracts with the same
    /// key share their resolved clauses and compiled rules.
    package var rulesKey: String = ""

    /// True while the supplier is "to be awarded".
    package var isAtTender: Bool { supplier.lowercased() == "to be awarded" }

    /// The value of a whole-number parameter.
    package func int(_ name: String) -> Int? { parameters[name]?.intValue }

    /// The clause number, or the id when the clause is not in the contract.
    package func number(of clauseID: String) -> String? { numbers[clauseID] }

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(
        file: String, reference: String, title: String, commissioner: String, supplier: String, service: Service, tier: String,
        start: CivilDate, end: CivilDate, reporting: ReportingFrequency, returnDueDays: Int, libraryID: String, libraryVersion: String,
        parameters: [String: ParameterValue], setParameters: Set<String>, clauses: [Clause], numbers: [String: String],
        sections: [(number: Int, area: Area, clauses: [Clause])], added: [String], omitted: [OmittedClause], periods: [ReportingPeriod]
    ) {
        self.file = file
        self.reference = reference
        self.title = title
        self.commissioner = commissioner
        self.supplier = supplier
        self.service = service
        self.tier = tier
        self.start = start
        self.end = end
        self.reporting = reporting
        self.returnDueDays = returnDueDays
        self.libraryID = libraryID
        self.libraryVersion = libraryVersion
        self.parameters = parameters
        self.setParameters = setParameters
        self.clauses = clauses
        self.numbers = numbers
        self.sections = sections
        self.added = added
        self.omitted = omitted
        self.periods = periods
    }
}

extension Contract {
    /// Every field a document of `kind` must hold under this contract — the fields its
    /// requirements name and the fields their rules read — once each, in clause order.
    package func fields(for kind: DocumentKind) -> [String] {
        var seen: Set<String> = []
        var order: [String] = []
        for clause in clauses {
            for requirement in clause.requirements where requirement.documents.contains(kind) {
                for field in requirement.fields.map(\.value) + requirement.rules.flatMap({ $0.kind.fields.map(\.id) })
                where seen.insert(field).inserted {
                    order.append(field)
                }
            }
        }
        return order
    }
}
