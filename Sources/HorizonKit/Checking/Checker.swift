import Foundation
package import HorizonModel

/// Judges supplier returns and bids against exactly the clauses their contract holds.
///
/// The checker is pure: it reads no files (evidence comes through an `EvidenceSource`), never
/// the clock (dates come from the documents), and prints nothing.
package final class Checker: Sendable {
    package let contract: Contract
    package let library: Library
    package let evidence: (any EvidenceSource)?
    /// Whether the contract is at tender (`Contract.isAtTender`), worked out once: asking the
    /// contract copied the whole of it for every return.
    let isAtTender: Bool

    /// Header fields of each document kind, from its schema.
    static let returnHeaderIDs = Set(DocumentSchema.return.headerIDs)
    static let returnHeaderFields = DocumentSchema.return.header.map {
        (id: DocumentSchema.return.id($0.name), name: $0.name, type: $0.type)
    }
    static let bidHeaderFields = DocumentSchema.bid.header.map { (id: DocumentSchema.bid.id($0.name), name: $0.name, type: $0.type) }
    static let bidHeaderIDs = Set(DocumentSchema.bid.headerIDs)

    /// The library's field table, which documents are filed by.
    let table: FieldTable
    /// What each slot of the table is to each kind of document, worked out once.
    let slotRoles: [DocumentKind: SlotRoles]
    /// The library's type of the field at each slot (nil for groups and header fields).
    let fieldTypes: [FieldType?]
    /// What the end of the id at each slot says for the personal-data check.
    let idEndings: [IdEnding]

    /// Ids the personal-data check treats apart, by how they end.
    enum IdEnding: Sendable {
        case contract, supplier, headerDate, role, other

        init(_ id: String) {
            if id.hasSuffix(".contract") {
                self = .contract
            } else if id.hasSuffix(".supplier") {
                self = .supplier
            } else if id.hasSuffix(".period_start") || id.hasSuffix(".period_end") || id.hasSuffix(".submitted_on") {
                self = .headerDate
            } else if id.hasSuffix("_role") {
                self = .role
            } else {
                self = .other
            }
        }
    }

    /// What the checker needs of a field this contract asks for, without the reference-counted
    /// parts of its spec (copied once per field per document).
    struct AskedField: Sendable {
        var type: FieldType
        var suppress: Bool
    }

    /// What the slots of the field table are to one kind of document.
    struct SlotRoles: Sendable {
        /// Each field this contract asks for in this kind of document.
        var specs: [AskedField?]
        /// Whether the slot is a header field of this kind of document.
        var isHeader: [Bool]
        /// The header fields, with their slots.
        var header: [(slot: Int, id: String, name: String, type: FieldType)]
    }

    /// Fields this contract asks for, per document kind.
    let asked: [DocumentKind: Set<String>]
    /// What to judge, per document kind, in schedule order: worked out once per contract.
    let plans: [DocumentKind: [PlanStep]]
    /// The rules of a return's plan whose kinds can defer a group (`RuleKind.defersGroups`).
    let deferringRules: [any RuleKind]

    /// One row of the requirement table: a requirement of a clause, or a clause with none for
    /// this document kind.
    ///
    /// A class, so that walking the plan for each document copies one reference a step.
    final class PlanStep: Sendable {
        let clause: String
        let number: String
        let requirement: Requirement?
        /// Dates of adopted_by rules, asked for only in the case the rule says.
        let conditional: Set<String>
        /// The requirement's fields that are asked for outright (not `conditional`), each with
        /// its slot (-1 for a field the table does not know).
        let fields: [(slot: Int, id: String)]
        /// Whether there is a requirement (asked without copying it out).
        let hasRequirement: Bool
        /// The slots of `fields`, apart, so that walking them copies no string.
        let fieldSlots: [Int]
        /// The requirement's rules, kind, code and severity apart, so that judging each
        /// document copies no rule.
        let ruleKinds: [any RuleKind]
        let ruleCodes: [String]
        let ruleSeverities: [Severity]
        /// The requirement's id and summary ("" for none).
        let requirementID: String
        let summary: String
        /// The whole-number parameters the rules read, by the rules' own names, with the
        /// contract's values (the same for every contract that shares these compiled rules):
        /// a rule's look-up finds its name by identity in a list of one to three, where the
        /// contract's dictionary hashed a string per rule per document.
        let parameters: [(name: String, value: Int?)]

        init(
            clause: String, number: String, requirement: Requirement?, conditional: Set<String>, fields: [(slot: Int, id: String)],
            parameter: (String) -> Int?
        ) {
            self.clause = clause
            self.number = number
            self.requirement = requirement
            self.conditional = conditional
            self.fields = fields
            hasRequirement = requirement != nil
            fieldSlots = fields.map(\.slot)
            let rules = requirement?.rules ?? []
            ruleKinds = rules.map(\.kind)
            ruleCodes = rules.map(\.code)
            ruleSeverities = rules.map(\.severity)
            requirementID = requirement?.id ?? ""
            summary = requirement?.summary ?? ""
            parameters = rules.flatMap(\.kind.parameters).map { ($0, parameter($0)) }
        }
    }

    /// A KPI of the contract's returns, with its share and bands.
    ///
    /// A class, so that rating each KPI of each return copies one reference.
    final class KPIPlan: Sendable {
        let clause: String
        let number: String
        let requirement: String
        let measure: String
        let share: PercentAtLeast
        let bands: KPIBands
        /// When the target applies, as months or days from the contract's start.
        let from: (months: Int?, days: Int?)

        init(
            clause: String, number: String, requirement: String, measure: String, share: PercentAtLeast, bands: KPIBands,
            from: (months: Int?, days: Int?)
        ) {
            self.clause = clause
            self.number = number
            self.requirement = requirement
            self.measure = measure
            self.share = share
            self.bands = bands
            self.from = from
        }
    }

    let threshold: Int
    /// Slots of the fields a return gives that are watched for a fall.
    let watched: [FieldRef]
    /// The KPIs of the contract's returns, in schedule order, each with its share and bands.
    let kpis: [KPIPlan]
    /// The day each KPI's target applies from: the contract's start, or so long after it.
    let kpiFrom: [CivilDate]
    /// The requirement table's fixed text, per document kind.
    let layouts: [DocumentKind: RequirementLayout]

    /// Creates a checker for one contract.
    ///
    /// - Parameters:
    ///   - contract: The resolved contract.
    ///   - library: Its library.
    ///   - evidence: Where policy files are found; `nil` when `--evidence` is not given.
    package convenience init(contract: Contract, library: Library, evidence: (any EvidenceSource)? = nil) {
        self.init(contract: contract, library: library, evidence: evidence, compiled: CompiledRules(contract: contract, library: library))
    }

    /// A checker over rules already compiled for a contract with the same clauses and values
    /// (`CheckerCache`).
    init(contract: Contract, library: Library, evidence: (any EvidenceSource)?, compiled: CompiledRules) {
        self.contract = contract
        self.library = library
        self.evidence = evidence
        isAtTender = contract.isAtTender
        asked = compiled.asked
        table = compiled.table
        slotRoles = compiled.slotRoles
        fieldTypes = compiled.fieldTypes
        idEndings = compiled.idEndings
        plans = compiled.plans
        deferringRules = compiled.deferringRules
        layouts = compiled.layouts
        watched = compiled.watched
        kpis = compiled.kpis
        let start = contract.start
        kpiFrom = compiled.kpis.map { kpi in
            kpi.from.months.map { start.adding(months: $0) } ?? kpi.from.days.map { start.adding(days: $0) } ?? start
        }
        threshold = compiled.threshold
    }

    /// Judges one document.
    ///
    /// - Parameter document: A parsed return or bid.
    /// - Returns: The report: findings sorted by location, and every requirement's status.
    package func check(_ document: SupplierDocument) -> DocumentReport {
        var judge = Judgement(checker: self, document: document.refiled(by: table))
        return judge.run()
    }
}

/// What a contract's clauses and parameter values make of the library for checking — each
/// slot's role, the plan of requirements, the requirement table's text, the KPIs — worked out
/// once and shared by every contract with the same clauses and values (`CheckerCache`): a
/// quarter's portfolio is hundreds of contracts for a few kinds of service.
final class CompiledRules: Sendable {
    let asked: [DocumentKind: Set<String>]
    let table: FieldTable
    let slotRoles: [DocumentKind: Checker.SlotRoles]
    let fieldTypes: [FieldType?]
    let idEndings: [Checker.IdEnding]
    let plans: [DocumentKind: [Checker.PlanStep]]
    let deferringRules: [any RuleKind]
    let layouts: [DocumentKind: RequirementLayout]
    let watched: [FieldRef]
    let kpis: [Checker.KPIPlan]
    let threshold: Int

    init(contract: Contract, library: Library) {
        var asked: [DocumentKind: Set<String>] = [:]
        for kind in DocumentKind.allCases {
            asked[kind] = Set(contract.fields(for: kind))
        }
        self.asked = asked
        let table = library.fieldTable
        self.table = table
        var roles: [DocumentKind: Checker.SlotRoles] = [:]
        for kind in DocumentKind.allCases {
            var specs = [Checker.AskedField?](repeating: nil, count: table.ids.count)
            for id in asked[kind] ?? [] {
                if let spec = library.field(id), spec.documents.contains(kind), let slot = table.slot(id) {
                    specs[slot] = Checker.AskedField(type: spec.type, suppress: spec.suppress)
                }
            }
            let fields = kind == .return ? Checker.returnHeaderFields : Checker.bidHeaderFields
            var isHeader = [Bool](repeating: false, count: table.ids.count)
            var header: [(slot: Int, id: String, name: String, type: FieldType)] = []
            for field in fields {
                guard let slot = table.slot(field.id) else { continue }  // the table holds every header field
                isHeader[slot] = true
                header.append((slot, field.id, field.name, field.type))
            }
            roles[kind] = Checker.SlotRoles(specs: specs, isHeader: isHeader, header: header)
        }
        slotRoles = roles
        fieldTypes = table.ids.map { library.field($0)?.type }
        idEndings = table.ids.map(Checker.IdEnding.init)
        var plans: [DocumentKind: [Checker.PlanStep]] = [:]
        for kind in DocumentKind.allCases {
            var steps: [Checker.PlanStep] = []
            for clause in contract.clauses {
                let number = contract.numbers[clause.id] ?? ""
                let applicable = clause.requirements.filter { $0.documents.contains(kind) }
                if applicable.isEmpty {
                    steps.append(
                        Checker.PlanStep(
                            clause: clause.id, number: number, requirement: nil, conditional: [], fields: [], parameter: contract.int))
                }
                for requirement in applicable {
                    let conditional = Set(requirement.rules.flatMap { $0.kind.conditionalFields.map(\.id) })
                    let fields = requirement.fields.map(\.value).filter { !conditional.contains($0) }.map { (table.slot($0) ?? -1, $0) }
                    steps.append(
                        Checker.PlanStep(
                            clause: clause.id, number: number, requirement: requirement, conditional: conditional, fields: fields,
                            parameter: contract.int))
                }
            }
            plans[kind] = steps
        }
        self.plans = plans
        deferringRules = (plans[.return] ?? []).flatMap(\.ruleKinds).filter { type(of: $0).defersGroups }
        kpis = contract.clauses.flatMap { clause in
            clause.requirements.compactMap { requirement -> Checker.KPIPlan? in
                guard requirement.documents.contains(.return), let kpi = requirement.kpi, let share = requirement.kpiShare,
                    let target = contract.int(share.target)
                else { return nil }
                // When the target applies, as months or days from a contract's start: the start
                // is the contract's own, these rules are shared by contracts like it.
                let from = (share.fromMonths.flatMap(contract.int), share.fromDays.flatMap(contract.int))
                return Checker.KPIPlan(
                    clause: clause.id, number: contract.numbers[clause.id] ?? "", requirement: requirement.id, measure: kpi.value,
                    share: share, bands: contract.kpiBands(target: target), from: from)
            }
        }
        let kpiLines = kpis.map { (number: $0.number, clause: $0.clause, requirement: $0.requirement, measure: $0.measure) }
        layouts = Dictionary(
            uniqueKeysWithValues: plans.map { kind, steps in
                (
                    kind,
                    RequirementLayout(
                        rows: steps.map { step in
                            (
                                step.clause, step.number, step.requirement?.id ?? "-",
                                step.requirement?.summary ?? "no requirement for a \(kind.rawValue)"
                            )
                        },
                        fields: steps.map { step in
                            Set(
                                (step.requirement?.fields.map(\.value) ?? [])
                                    + (step.requirement?.rules.flatMap { $0.kind.fields.map(\.id) } ?? []))
                        },
                        kpis: kind == .return ? kpiLines : [])
                )
            })
        watched = (asked[.return] ?? []).sorted().compactMap { id in
            guard library.field(id)?.watchFall == true, let slot = table.slot(id) else { return nil }
            return FieldRef(id, slot: slot)
        }
        threshold = contract.int("suppression_threshold") ?? library.parameter("suppression_threshold")?.1.defaultValue?.intValue ?? 4
    }
}

/// Checkers for the contracts of one library, sharing the compiled rules of contracts that hold
/// the same clauses with the same parameter values. Safe to use from several threads.
package final class CheckerCache: @unchecked Sendable {
    let library: Library
    private var compiled: [String: CompiledRules] = [:]
    private let lock = NSLock()

    /// Creates an empty cache for a library.
    package init(library: Library) { self.library = library }

    /// A checker for a contract, its rules compiled once for all contracts like it.
    ///
    /// - Parameters:
    ///   - contract: A resolved contract of the cache's library.
    ///   - evidence: Where policy files are found; `nil` without `--evidence`.
    /// - Returns: The checker.
    package func checker(for contract: Contract, evidence: (any EvidenceSource)? = nil) -> Checker {
        // What the compiled rules depend on: the clauses in force (their numbers follow from
        // them) and every parameter value.
        var key = contract.rulesKey
        if key.isEmpty {
            key = contract.clauses.map(\.id).joined(separator: ",")
            for name in contract.parameters.keys.sorted() { key += "|\(name)=\(contract.parameters[name]!)" }
        }
        lock.lock()
        defer { lock.unlock() }
        let rules: CompiledRules
        if let known = compiled[key] {
            rules = known
        } else {
            rules = CompiledRules(contract: contract, library: library)
            compiled[key] = rules
        }
        return Checker(contract: contract, library: library, evidence: evidence, compiled: rules)
    }
}

/// The work of judging one document.
struct Judgement {
    let checker: Checker
    let document: SupplierDocument
    var findings: [Finding] = []
    var typed: TypedValues
    var periodStart: CivilDate?
    var periodEnd: CivilDate?
    var submittedOn: CivilDate?
    var submitted: CivilDate?
    var reportedMissing: Set<String> = []
    var pendingGroups: Set<String> = []
    /// Groups written as something other than a map (`training: [40, 33]`), already reported:
    /// the fields they should hold are not reported missing one by one.
    var brokenGroups: Set<String> = []
    /// "Did you mean" hints given so far (see `takeHint`).
    var hintsGiven = 0
    /// The most findings a document's report shows (then one saying how many more).
    static let findingLimit = 500

    /// Ids of the fields the personal-data screen flagged.
    var flagged: Set<String> = []
    /// Ids whose key (or a key above it) the personal-data screen flagged: never quoted again.
    var flaggedKeys: Set<String> = []
    /// Unknown fields that are near-misses of a field the document lacks (`informed_of_polcy`
    /// for `informed_of_policy`), by the field they miss: one mistake, reported once, at the
    /// typo, when the field is found missing (see `findNearMisses`).
    var nearMisses: [String: (typo: String, at: SourceLocation)] = [:]
    /// Near-misses reported as the missing field they stand for (the rest are unknown fields).
    var nearMissesUsed: Set<String> = []
    /// Keys and list items the screen flagged, described by place ("the key at line 51").
    var flaggedElsewhere: [(line: Int, place: String)] = []
    /// A bid's commitments against the contract's minimums, for bids side by side.
    var commitments: [BidCommitment] = []
    /// The plan step whose rules are being judged, and which of its rules (see `RuleContext`):
    /// one reference kept a step, its clause, code, severity and summary read from it when a
    /// rule writes a finding (copying each into the judgement cost a retain and a release of
    /// four strings a rule of every document).
    var judging: Checker.PlanStep? = nil
    var ruleIndex = 0
    var ruleClause: String { judging?.clause ?? "" }
    var requirementSummary: String { judging?.summary ?? "" }
    var ruleCode: String { judging.map { $0.ruleCodes[ruleIndex] } ?? "" }
    var ruleSeverity: Severity { judging.map { $0.ruleSeverities[ruleIndex] } ?? .error }

    var contract: Contract { checker.contract }
    var library: Library { checker.library }

    init(checker: Checker, document: SupplierDocument) {
        self.checker = checker
        self.document = document
        typed = TypedValues(table: checker.table)
    }

    /// The value of a field, by its slot where it has one.
    func value(_ slot: Int, _ id: String) -> DocumentValue? { slot >= 0 ? document[slot: slot] : document[id] }

    mutating func add(
        _ severity: Severity, _ code: String, _ message: String, at location: SourceLocation, clause: String? = nil,
        field: String? = nil, notes: [Note] = []
    ) {
        findings.append(Finding(severity, code, message, at: location, clause: clause, field: field, notes: notes))
    }

    mutating func run() -> DocumentReport {
        screenKeys()
        if !document.unknownIDs.isEmpty { findNearMisses() }
        readHeader()
        // A document for another contract is judged no further: its figures mean nothing
        // against this contract's clauses.
        let otherContract = findings.contains { $0.code == "contract-mismatch" }
        if !otherContract {
            readFields()
        }
        checkPrivacy()
        if !document.listTexts.isEmpty { screenListTexts() }
        let statuses = otherContract ? [] : judgeRequirements()
        if !nearMisses.isEmpty && !otherContract { reportUnusedNearMisses() }
        findings.sort(by: Finding.reportOrder)
        let verdict: Verdict = findings.contains { $0.severity == .error } ? .nonCompliant : .compliant
        // A document of thousands of mistakes gets the first of them and a count of the rest,
        // so that a report stays readable and a hostile file cannot make it huge.
        if findings.count > Judgement.findingLimit {
            let more = findings.count - Judgement.findingLimit
            findings.removeLast(more)
            findings.append(
                Finding(
                    .info, "findings-truncated",
                    "\(more) more finding(s) are not shown: fix these first and check again", at: document.start))
        }
        var report = DocumentReport(
            file: document.file, kind: document.kind, contract: contract.reference, periodStart: periodStart, periodEnd: periodEnd,
            sha256: document.sha256, verdict: verdict, findings: findings, layout: otherContract ? nil : checker.layouts[document.kind],
            statuses: statuses)
        report.submittedOn = submittedOn
        report.commitments = commitments
        let period = contract.periods.first { $0.start == periodStart && $0.end == periodEnd }
        report.parties = Parties(
            supplier: contract.supplier, service: contract.service.id, tier: contract.tier, commissioner: contract.commissioner,
            due: document.kind == .return ? period?.due : nil,
            daysLate: document.kind == .return
                ? period.flatMap { due in submittedOn.map { max(0, $0.dayNumber - due.due.dayNumber) } } : nil)
        // A bid names its bidder; never shown where the screen took it for a person's name.
        if document.kind == .bid, !flagged.contains("bid.supplier"), !flaggedKeys.contains("bid.supplier") {
            report.parties?.bidder = document["bid.supplier"]?.text
        }
        if !otherContract && document.kind == .return {
            report.kpis = zip(checker.kpis, checker.kpiFrom).map { kpi, from in
                let part = int(kpi.share.part)
                let whole = int(kpi.share.whole)
                // Before its target applies, a KPI is rated Other: it is not yet a measure of
                // performance against that target.
                let due = periodEnd.map { $0 >= from } ?? true
                return KPIResult(
                    clause: kpi.clause, number: kpi.number, requirement: kpi.requirement, measure: kpi.measure, part: part,
                    whole: whole, bands: kpi.bands, rating: due ? kpi.bands.rate(part: part, whole: whole) : .other)
            }
            report.watched = checker.watched.compactMap { field in
                int(field).map { (field.id, $0, location(field.id)) }
            }
        }
        return report
    }

    // MARK: - Header

    mutating func readHeader() {
        let kind = document.kind
        // The header's typed values, by name: six at most, so a list rather than a dictionary.
        var header: [(name: String, value: TypedValue)] = []
        header.reserveCapacity(6)
        func headerValue(_ name: String) -> TypedValue? { header.first { $0.name == name }?.value }
        for (slot, id, name, type) in checker.slotRoles[kind]!.header {
            guard let value = document[slot: slot], !value.isNull else {
                if document[slot: slot] == nil, let miss = takeNearMiss(id) {
                    add(
                        .error, "missing-field",
                        "'\(miss.typo)' is not a field of this \(kind.rawValue); did you mean '\(miss.typo.hasPrefix(kind.rawValue + ".") ? id : name)' (required in the header)?",
                        at: miss.at, field: id)
                    continue
                }
                add(
                    .error, "missing-field", "the \(kind.rawValue) has no '\(name)' in its header",
                    at: document[slot: slot].map(document.keyLocation(of:)) ?? document.start, field: id)
                continue
            }
            switch FieldTyping.read(value, as: type) {
            case .success(let typedValue): header.append((name, typedValue))
            case .failure(let problem):
                add(.error, "wrong-type", "'\(id)' \(safe(problem, value, type))", at: document.location(of: value), field: id)
            }
        }
        if let reference = headerValue("contract")?.text, reference != contract.reference {
            add(
                .error, "contract-mismatch",
                "this \(kind.rawValue) is for contract \(quoted(reference)), but it is being checked against '\(contract.reference)'; give that contract's spec instead",
                at: location("\(kind.rawValue).contract"), field: "\(kind.rawValue).contract")
        }
        if let supplier = headerValue("supplier")?.text, !checker.isAtTender, kind == .return, supplier != contract.supplier {
            add(
                .error, "supplier-mismatch",
                "the supplier is given as \(quoted(supplier)), but the contract's supplier is '\(contract.supplier)'",
                at: location("return.supplier"), field: "return.supplier")
        }
        submitted = headerValue("submitted_on")?.date
        guard kind == .return else { return }
        periodStart = headerValue("period_start")?.date
        periodEnd = headerValue("period_end")?.date
        submittedOn = headerValue("submitted_on")?.date
        guard let start = periodStart, let end = periodEnd else { return }
        var at: SourceLocation { location("return.period_start") }
        if end < start {
            add(
                .error, "period-not-in-contract", "the period ends (\(end)) before it starts (\(start))", at: location("return.period_end"),
                field: "return.period_end")
            return
        }
        if let period = contract.periods.first(where: { $0.start == start && $0.end == end }) {
            if let submitted {
                if submitted > period.due {
                    // Within the contract's tolerance a late return is a warning; beyond it, an error.
                    let late = period.due.days(to: submitted)
                    let tolerance = contract.int("late_tolerance_days") ?? 0
                    let allowance = tolerance > 0 ? "; the contract accepts returns up to \(tolerance) day(s) late" : ""
                    add(
                        late > tolerance ? .error : .warning, "late-submission",
                        "submitted on \(submitted), \(late) day(s) after the return for period \(period.number) was due (\(period.due))\(allowance)",
                        at: location("return.submitted_on"), field: "return.submitted_on")
                } else if submitted < end {
                    add(
                        .warning, "submitted-before-period-end", "submitted on \(submitted), before the period ends (\(end))",
                        at: location("return.submitted_on"), field: "return.submitted_on")
                }
            }
        } else if end < contract.start || start > contract.end {
            add(
                .error, "period-outside-term",
                "the period \(start) to \(end) is outside the contract's term, \(contract.start) to \(contract.end)",
                at: at, field: "return.period_start")
        } else {
            let nearest = contract.periods.min { abs($0.start.days(to: start)) < abs($1.start.days(to: start)) }
            let hint = nearest.map { "; period \($0.number) runs from \($0.start) to \($0.end)" } ?? ""
            add(
                .error, "period-not-in-contract",
                "\(start) to \(end) is not one of the contract's \(contract.reporting.rawValue) reporting periods\(hint)",
                at: at, field: "return.period_start")
        }
    }

    /// A typing problem's message, unless the value looks like personal data: that is never
    /// quoted back (checkPrivacy reports it), and the message says only what the field needs.
    func safe(_ problem: TypingError, _ value: DocumentValue, _ type: FieldType) -> String {
        PersonalData.detect(value.text, datesToo: false) == nil && !library.personNames.detect(value.text)
            ? problem.message : "must be \(FieldTyping.expectation(type)); the value given is not repeated here"
    }

    /// Whether a missing field should be reported now: once per document, and not when its
    /// group has already been reported as written wrongly.
    mutating func firstReportOfMissing(_ field: String) -> Bool {
        if brokenGroups.contains(where: { field.hasPrefix($0) }) { return false }
        return reportedMissing.insert(field).inserted
    }

    /// "'x' is missing: give a whole number: what it means".
    func missingMessage(_ field: String, blank: Bool) -> String {
        let state = blank ? "is empty" : "is missing"
        guard let spec = library.field(field) else { return "'\(field)' \(state)" }
        var how = "give \(FieldTyping.expectation(spec.type)): \(spec.meaning.lowercasedFirst)"
        if spec.type == .hex { how += " (run 'horizon evidence FILE' on the policy file, and copy the sha256 it prints)" }
        return "'\(field)' \(state): \(how)"
    }

    /// A value quoted for a message, unless it looks like personal data.
    func quoted(_ text: String) -> String {
        library.personNames.detect(text) ? "(text that looks like personal data, not repeated here)" : PersonalData.quoted(text)
    }

    func location(_ id: String) -> SourceLocation {
        document[id].map(document.location(of:)) ?? document.start
    }

    // MARK: - Fields

    mutating func readFields() {
        let kind = document.kind
        let headerPrefix = kind.rawValue + "."
        let headerNames = kind == .return ? Checker.returnHeaderIDs : Checker.bidHeaderIDs
        // By slot, for the usual cases: a field this contract asks for, or a header field.
        let roles = checker.slotRoles[kind]!
        // Read from the document's arrays here, not through its subscript (a call into the
        // model's module that returned each value as an optional copy).
        let values = document.slotValues
        let valueIndex = document.slotIndex
        for (position, entry) in document.sequence.enumerated() {
            if entry >= 0 {
                if let spec = roles.specs[entry] {
                    let index = Int(valueIndex[entry])
                    guard index != 0, !values[index - 1].isNull else { continue }
                    let at = values[index - 1].position
                    switch FieldTyping.read(values[index - 1], as: spec.type) {
                    case .success(let typedValue): accept(entry, typedValue, spec, at: at)
                    case .failure(let problem): reject(entry, safe(problem, values[index - 1], spec.type), at: at)
                    }
                    continue
                }
                if roles.isHeader[entry] { continue }
            }
            let id = document.id(of: entry)
            guard let value = document.value(of: entry), !underFlaggedKey(id) else { continue }
            let asked = checker.asked[kind] ?? []
            if isNearMiss(id) { continue }
            if id.hasPrefix(headerPrefix) {
                if !headerNames.contains(id) {
                    add(
                        .warning, "unknown-field",
                        "unknown header field '\(id)'\(takeHint() ? Nearest.hint(for: id, in: headerNames.sorted()) : "")",
                        at: document.keyLocation(of: value), field: id)
                }
                continue
            }
            guard let spec = library.field(id) else {
                let isGroup = asked.contains(where: { $0.hasPrefix(id + ".") })
                // An empty group ("pathway:" with nothing under it) is not an unknown field: the
                // fields it should hold are reported missing by the requirements that need them.
                if value.isNull && isGroup { continue }
                if isGroup {
                    add(
                        .error, "wrong-type",
                        "'\(id)' must be a map of its fields (such as '\(asked.sorted().first { $0.hasPrefix(id + ".") } ?? id)'), not \(value.structure ?? "a single value")",
                        at: document.location(of: value), field: id)
                    brokenGroups.insert(id + ".")
                    continue
                }
                // "enquiries: 1,200" in a YAML flow map reads as "enquiries: 1" and a key "200":
                // a figure cut short, never to be passed over as an unknown field.
                if let last = id.split(separator: ".").last, last.allSatisfy(\.isNumber),
                    let previous = previousField(at: position, of: id), let earlier = document[previous], typed[previous]?.int != nil
                {
                    typed[previous] = nil
                    add(
                        .error, "wrong-type",
                        "'\(previous)' seems to be a number written with a thousands separator ('\(earlier.text),\(last)'): write numbers without separators",
                        at: document.location(of: earlier), field: previous)
                    brokenGroups.insert(previous + ".")
                    continue
                }
                add(
                    .warning, "unknown-field",
                    "unknown field '\(id)'\(takeHint() ? suggestion(for: id, asked: asked, header: headerNames) : "")",
                    at: document.keyLocation(of: value), field: id)
                continue
            }
            guard spec.documents.contains(kind) else {
                let other = spec.documents.sorted().map(\.rawValue).joined(separator: " or ")
                add(
                    .warning, "unknown-field", "'\(id)' belongs in a \(other), not a \(kind.rawValue)", at: document.keyLocation(of: value),
                    field: id)
                continue
            }
            add(
                .info, "field-not-required", "'\(id)' is not asked for by this contract's clauses; it is ignored",
                at: document.keyLocation(of: value), field: id)
        }
    }

    /// Finds the unknown fields that are near-misses of a field the document lacks: a header
    /// field, or a field this contract asks for. Each missing field takes the nearest typo
    /// once; the first 100 unknown fields are searched (as for "did you mean" hints).
    mutating func findNearMisses() {
        let kind = document.kind
        let headerPrefix = kind.rawValue + "."
        let absentHeader = (kind == .return ? Checker.returnHeaderIDs : Checker.bidHeaderIDs).filter { document[$0] == nil }.sorted()
        let absent = (checker.asked[kind] ?? []).filter { document[$0] == nil }.sorted()
        for id in document.unknownIDs.prefix(100) where !underFlaggedKey(id) && library.field(id) == nil {
            guard let value = document[id], value.structure == nil else { continue }
            // A CSV writes the header's fields without their prefix ("period_end").
            let asHeader = id.hasPrefix(headerPrefix) ? id : (id.contains(".") ? nil : headerPrefix + id)
            let found = asHeader.flatMap { Nearest.match(for: $0, in: absentHeader) } ?? Nearest.match(for: id, in: absent)
            guard let match = found, nearMisses[match] == nil else { continue }
            nearMisses[match] = (id, document.keyLocation(of: value))
        }
    }

    /// Whether an unknown field is held as a near-miss of a missing field.
    func isNearMiss(_ id: String) -> Bool {
        !nearMisses.isEmpty && nearMisses.values.contains { $0.typo == id }
    }

    /// The near-miss of a missing field, marked as reported.
    mutating func takeNearMiss(_ field: String) -> (typo: String, at: SourceLocation)? {
        guard let miss = nearMisses[field] else { return nil }
        nearMissesUsed.insert(field)
        return miss
    }

    /// "'staff.informed_of_polcy' is not a field of this return; did you mean
    /// 'staff.informed_of_policy' (required by clause 1.3)?"
    func nearMissMessage(_ typo: String, _ field: String, _ clause: String) -> String {
        let number = contract.numbers[clause].map { " (required by clause \($0))" } ?? ""
        return "'\(typo)' is not a field of this \(document.kind.rawValue); did you mean '\(field)'\(number)?"
    }

    /// A near-miss whose field was never found missing (its requirement was not due, say) is
    /// an unknown field after all, with its hint.
    mutating func reportUnusedNearMisses() {
        for (field, miss) in nearMisses.sorted(by: { $0.key < $1.key }) where !nearMissesUsed.contains(field) {
            add(.warning, "unknown-field", "unknown field '\(miss.typo)'; did you mean '\(field)'?", at: miss.at, field: miss.typo)
        }
    }

    /// The field written just before `id` in the same group, if any.
    func previousField(at position: Int, of id: String) -> String? {
        guard position > 0 else { return nil }
        let previous = document.id(of: document.sequence[position - 1])
        let group = id.split(separator: ".").dropLast().joined(separator: ".")
        return previous.split(separator: ".").dropLast().joined(separator: ".") == group ? previous : nil
    }

    /// Whether an unknown field may still be given a "did you mean" hint: the first 100 of a
    /// document are, so that a document of 100,000 unknown fields is not searched 100,000 times.
    mutating func takeHint() -> Bool {
        hintsGiven += 1
        return hintsGiven <= 100
    }

    /// Keeps the typed value of a field the contract asks for (with a note when the figure is
    /// small enough to identify someone).
    mutating func accept(_ slot: Int, _ typedValue: TypedValue, _ spec: Checker.AskedField, at position: TextPosition) {
        typed[slot: slot] = typedValue
        if spec.suppress, let count = typedValue.int, count >= 1, count <= checker.threshold {
            let id = checker.table.ids[slot]
            add(
                .info, "small-number",
                "'\(id)' is from 1 to \(checker.threshold), small enough to identify someone: send it as it is (the return needs no change), but never publish or share this figure on its own; show it as '\(checker.threshold) or fewer'",
                at: document.location(at: position), field: id)
        }
    }

    /// Reports a value of a field the contract asks for that is not of the field's type.
    mutating func reject(_ slot: Int, _ problem: String, at position: TextPosition) {
        let id = checker.table.ids[slot]
        add(.error, "wrong-type", "'\(id)' \(problem)", at: document.location(at: position), field: id)
    }

    /// The nearest field this contract asks for: by the whole id, else by its group.
    func suggestion(for id: String, asked: Set<String>, header: Set<String>) -> String {
        if let match = Nearest.match(for: id, in: asked.sorted() + header.sorted()) { return "; did you mean '\(match)'?" }
        let parts = id.split(separator: ".", maxSplits: 1).map(String.init)
        let groups = Set(asked.compactMap { $0.split(separator: ".").first.map(String.init) })
        // A name of dots alone ("", ".", "..") has no group to match (a crash the fuzzer found).
        guard let first = parts.first, let group = Nearest.match(for: first, in: groups.sorted()) else { return "" }
        if parts.count == 2, asked.contains(group + "." + parts[1]) { return "; did you mean '\(group).\(parts[1])'?" }
        return "; did you mean the group '\(group)'?"
    }

    /// Whether an id is a flagged key or lies under one.
    func underFlaggedKey(_ id: String) -> Bool {
        !flaggedKeys.isEmpty && flaggedKeys.contains { id == $0 || id.hasPrefix($0 + ".") }
    }

    /// Keys are screened as values are: a key that is not a field of the library ("jane@example.org:
    /// 1", "DOB 12.05.1990: x") is an error at the key, its text is never repeated, and no other
    /// finding (unknown-field, a value's own screen) quotes its id.
    mutating func screenKeys() {
        for entry in document.sequence where entry < 0 {
            let id = document.id(of: entry)
            guard !underFlaggedKey(id), let value = document.value(of: entry) else { continue }
            guard var kind = personalData(inKey: id) else { continue }
            // The key that holds it may be a map's, above this value ("07700 900123: {called:
            // true}"): the shortest id, cut at a dot, that holds it is the one flagged, once.
            var key = id
            for (index, character) in id.enumerated() where character == "." {
                let prefix = String(id.prefix(index))
                if let found = personalData(inKey: prefix) {
                    key = prefix
                    kind = found
                    break
                }
            }
            guard !underFlaggedKey(key) else { continue }
            flaggedKeys.insert(key)
            let at = document[key].map { document.keyLocation(of: $0) } ?? document.keyLocation(of: value)
            flaggedElsewhere.append((at.line, "the key at line \(at.line)"))
            add(
                .error, "personal-data",
                "a key seems to hold \(kind): a return holds no personal data, so remove it (the key is not repeated here)",
                at: at)
        }
    }

    /// The kind of personal data a key seems to hold: what values are screened for, or a
    /// person's name ("Sarah Jones: 3").
    func personalData(inKey id: String) -> String? {
        PersonalData.detect(id) ?? (library.personNames.detect(id) ? "a person's name" : nil)
    }

    /// Keys and values written inside lists are no fields, but are screened as values are (a
    /// list of contacts is personal data whatever its key), and never quoted.
    mutating func screenListTexts() {
        for item in document.listTexts {
            guard let kind = PersonalData.detect(item.text) ?? (library.personNames.detect(item.text) ? "a person's name" : nil)
            else { continue }
            let at = item.position.location(in: document.file)
            flaggedElsewhere.append((at.line, "the list item at line \(at.line)"))
            add(
                .error, "personal-data",
                "a list item seems to hold \(kind): a return holds no personal data, so remove it (the item is not repeated here)",
                at: at)
        }
    }

    mutating func checkPrivacy() {
        for entry in document.sequence {
            // Free text is searched for every kind of personal data; a value of another type
            // only when it failed its type, and then not for dates (a date written 12/05/2026 in
            // a date field is a wrong format, not a date of birth). The cheap tests come first:
            // a well-typed count, date or digest is passed over without its value being copied.
            var datesToo = true
            if entry >= 0, let type = checker.fieldTypes[entry] {
                switch type {
                case .text, .path: break
                case .bool, .count, .percent, .date, .hex:
                    if typed[slot: entry] != nil { continue }
                    datesToo = false
                }
            }
            guard let value = document.value(of: entry), !value.isNull, value.structure == nil else { continue }
            if entry < 0 && underFlaggedKey(document.id(of: entry)) { continue }
            let ending = entry >= 0 ? checker.idEndings[entry] : Checker.IdEnding(document.id(of: entry))
            // The contract's own reference and supplier name are known not to be personal data.
            if (ending == .contract && value.text == contract.reference) || (ending == .supplier && value.text == contract.supplier) {
                continue
            }
            if ending == .headerDate {
                if CivilDate(iso: value.text.trimmed) != nil { continue }
                datesToo = false
            }
            // A role field names a role, never a person ("Sarah Jones, HR Director").
            if ending == .role, library.personNames.detect(value.text) {
                let id = document.id(of: entry)
                flagged.insert(id)
                add(
                    .error, "personal-data",
                    "'\(id)' seems to hold a person's name: a return names roles, never people, so write the role alone (the value is not repeated here)",
                    at: document.location(of: value), field: id)
                continue
            }
            guard PersonalData.detect(value.text) != nil else { continue }  // nil for almost every value
            let id = document.id(of: entry)
            if let kind = PersonalData.detect(value.text, datesToo: datesToo) {
                flagged.insert(id)
                add(
                    .error, "personal-data",
                    "'\(id)' seems to hold \(kind): a return holds no personal data, so write a role or a count instead (the value is not repeated here)",
                    at: document.location(of: value), field: id)
            }
        }
    }

    // MARK: - Requirements

    /// Each requirement's status, in the order of the plan (and of the checker's layout).
    mutating func judgeRequirements() -> [RequirementStatus] {
        let plan = checker.plans[document.kind] ?? []
        pendingGroups = pending()
        var statuses: [RequirementStatus] = []
        statuses.reserveCapacity(plan.count)
        for step in plan {
            statuses.append(step.hasRequirement ? judge(step) : .notApplicable)
        }
        return statuses
    }

    /// The field groups (such as "policy.") of things not yet due: a return before the policy
    /// deadline whose policy is not yet in place. What else the return says of that policy is
    /// then not yet due either, rather than missing.
    func pending() -> Set<String> {
        guard document.kind == .return, periodEnd != nil else { return [] }
        var groups: Set<String> = []
        for kind in checker.deferringRules {
            if let group = kind.pendingGroup(in: self) { groups.insert(group) }
        }
        return groups
    }

    mutating func judge(_ step: Checker.PlanStep) -> RequirementStatus {
        let clause = step.clause
        if !pendingGroups.isEmpty && step.conditional.isEmpty, let requirement = step.requirement {
            let fields = requirement.fields.map(\.value) + requirement.rules.flatMap { $0.kind.fields.map(\.id) }
            let inPending = fields.allSatisfy { field in pendingGroups.contains { field.hasPrefix($0) } }
            let missing = fields.contains { document[$0] == nil || document[$0]!.isNull }
            if inPending && missing { return .notYetDue }
        }
        var allPresent = true
        let slots = step.fieldSlots
        for (i, slot) in slots.enumerated() {
            // The usual case, a field present and well typed, by slot alone.
            if slot >= 0, typed[slot: slot] != nil { continue }
            let field = step.fields[i].id
            let value = value(slot, field)
            if value == nil || value!.isNull {
                // Reported once, however many requirements need the field.
                if firstReportOfMissing(field) {
                    if value == nil, let miss = takeNearMiss(field) {
                        add(.error, "missing-field", nearMissMessage(miss.typo, field, clause), at: miss.at, clause: clause, field: field)
                    } else {
                        add(
                            .error, "missing-field", missingMessage(field, blank: value != nil),
                            at: value.map(document.location(of:)) ?? document.start, clause: clause, field: field)
                    }
                }
            }
            // Missing, or given but not well typed (only a field of the table is ever typed).
            allPresent = false
        }
        // A field that holds personal data fails its requirement, whatever the figures say (a
        // lead's role written as a name is no role).
        let holdsPersonalData = !flagged.isEmpty && step.fields.contains { flagged.contains($0.id) }
        // Rules decide the status where there are any; a requirement of fields alone is met
        // when they are all present and well typed.
        guard !step.ruleKinds.isEmpty else {
            if holdsPersonalData { return .notMet }
            return allPresent ? .met : .dataMissing
        }
        var failed = false
        var passed = false
        var unknown = false
        var notYetDue = false
        var notChecked = false
        var allNotApplicable = true
        judging = step
        let isBid = document.kind == .bid
        for (i, kind) in step.ruleKinds.enumerated() {
            ruleIndex = i
            let outcome = kind.judge(&self)
            if isBid, let commitment = kind.commitment(in: self) {
                commitments.append(BidCommitment(clause: clause, requirement: step.requirementID, commitment: commitment))
            }
            switch outcome {
            case .fail: failed = true
            case .unknown: unknown = true
            case .partial: (failed, passed) = (true, true)
            case .pass: passed = true
            case .notYetDue: notYetDue = true
            case .notChecked: notChecked = true
            case .warn, .notApplicable: break
            }
            // Matched, not compared: `!=` on the model's enum is a call into its module.
            if case .notApplicable = outcome {} else { allNotApplicable = false }
        }
        // Not met on the figures comes first; then a slip in the data, which the supplier fixes
        // by giving or correcting a field, and which counts as not met for the verdict.
        if failed { return passed ? .partlyMet : .notMet }
        if holdsPersonalData { return .notMet }
        if unknown || !allPresent { return .dataMissing }
        if notYetDue { return .notYetDue }
        if notChecked { return .notChecked }
        if allNotApplicable { return .notApplicable }
        return .met
    }

    func parameter(_ name: String) -> Int? {
        if let judging {
            for parameter in judging.parameters where parameter.name == name { return parameter.value }
        }
        return contract.int(name)
    }
}

// MARK: - What rules see

extension Judgement: RuleContext {
    var documentKind: DocumentKind { document.kind }
    var contractStart: CivilDate { contract.start }
    var evidence: (any EvidenceSource)? { checker.evidence }
    var personalDataFields: [String] { flagged.sorted() }
    var personalDataElsewhere: [String] { flaggedElsewhere.sorted { $0.line < $1.line }.map(\.place) }

    func meaning(of field: FieldRef) -> String { library.field(field.id)?.meaning ?? field.id }

    func int(_ field: FieldRef) -> Int? { field.slot >= 0 ? typed[slot: field.slot]?.int : nil }
    func bool(_ field: FieldRef) -> Bool? { field.slot >= 0 ? typed[slot: field.slot]?.bool : nil }
    func date(_ field: FieldRef) -> CivilDate? { field.slot >= 0 ? typed[slot: field.slot]?.date : nil }
    func text(_ field: FieldRef) -> String? { field.slot >= 0 ? typed[slot: field.slot]?.text : nil }

    func isGiven(_ field: FieldRef) -> Bool {
        // By slot, in place: nothing of the value is copied to ask whether it is null.
        if field.slot >= 0 {
            let index = Int(document.slotIndex[field.slot])
            return index != 0 && !document.slotValues[index - 1].isNull
        }
        guard let value = document[field.id] else { return false }
        return !value.isNull
    }

    func textParameter(_ name: String) -> String? {
        if case .text(let text)? = contract.parameters[name] { return text }
        return nil
    }

    mutating func fail(_ field: FieldRef, _ message: String, severity: Severity?) -> Outcome {
        let severity = severity ?? ruleSeverity
        add(severity, ruleCode, message, at: location(field.id), clause: ruleClause, field: field.id.isEmpty ? nil : field.id)
        return severity == .error ? .fail : .warn
    }

    mutating func report(_ severity: Severity, _ code: String, at place: FieldRef, field: FieldRef, _ message: String) {
        add(severity, code, message, at: location(place.id), clause: ruleClause, field: field.id)
    }

    mutating func reportMissing(_ field: FieldRef, byRule: Bool, _ message: String) {
        guard firstReportOfMissing(field.id) else { return }
        let value = value(field.slot, field.id)
        if value == nil, let miss = takeNearMiss(field.id) {
            add(
                byRule ? ruleSeverity : .error, byRule ? ruleCode : "missing-field", nearMissMessage(miss.typo, field.id, ruleClause),
                at: miss.at, clause: ruleClause, field: field.id)
            return
        }
        add(
            byRule ? ruleSeverity : .error, byRule ? ruleCode : "missing-field", message,
            at: value.map(document.location(of:)) ?? document.start, clause: ruleClause, field: field.id)
    }
}

/// The typed values of a document's fields, by slot of the field table.
///
/// Kept densely, as a document's values are (`SupplierDocument.slotIndex`): where each slot's
/// value is in `values`, plus one, or 0 for none. (The two are written out, not one generic
/// type: a generic across the module boundary went unspecialised and cost a fifth more
/// instructions a check.)
struct TypedValues {
    let table: FieldTable
    var index: [Int32]
    var values: [TypedValue] = []

    init(table: FieldTable) {
        self.table = table
        index = Array(repeating: 0, count: table.ids.count)
        values.reserveCapacity(64)
    }

    subscript(slot slot: Int) -> TypedValue? {
        get {
            let i = Int(index[slot])
            return i == 0 ? nil : values[i - 1]
        }
        set {
            let i = Int(index[slot])
            guard let newValue else {
                index[slot] = 0
                return
            }
            if i != 0 {
                values[i - 1] = newValue
            } else {
                values.append(newValue)
                index[slot] = Int32(truncatingIfNeeded: values.count)
            }
        }
    }

    /// By dotted id; only fields of the table are ever typed.
    subscript(_ id: String) -> TypedValue? {
        get { table.slot(id).flatMap { self[slot: $0] } }
        set { if let slot = table.slot(id) { self[slot: slot] = newValue } }
    }
}
