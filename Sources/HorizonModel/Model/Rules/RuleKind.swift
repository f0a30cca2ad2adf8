/// The rule kinds a clause library may use, each a type in a file of its own in this folder
/// (`AtMost.swift`, `PercentAtLeast.swift`, …). A kind's file holds the whole of its behaviour:
/// how it is read from library YAML, which fields and parameters it takes and of what types
/// (what `lint` checks), how it is described in schedules and `explain`, and the one judgement
/// of a document that gives the outcome and writes the findings.
///
/// Adding a kind is adding a file and listing its type in `RuleKinds.all`.
package protocol RuleKind: Sendable, Hashable {
    /// The kind's name as written in the library (`at_most`).
    static var name: String { get }
    /// The codes of the findings when the kind fixes them itself, so that its rules take no
    /// `code` key (the evidence rule); `nil` when each rule names its code.
    static var fixedCodes: [String]? { get }

    /// Reads the kind's own keys (not `kind`, `code` or `severity`) of one rule.
    ///
    /// - Parameter keys: The rule's map; a missing or malformed key is reported through it.
    /// - Returns: The rule, or `nil` when a key it needs is missing or malformed.
    static func read(_ keys: some RuleKeys) -> Self?

    /// Every field and parameter the rule reads, with the types it accepts: what `lint` checks.
    var inputs: [RuleInput] { get }

    /// Fields the rule reads that a document need give only in the case the rule says (the
    /// adoption date only when the policy is in place): not reported missing by the
    /// requirement, only by the rule.
    var conditionalFields: [FieldRef] { get }

    /// The rule in plain English, for the schedule's reporting annex and `horizon explain`.
    ///
    /// - Parameter words: The document kind described for, and the contract's parameter values.
    func describe(_ words: RuleWords) -> String

    /// The field group (such as `policy.`) of what is not yet due in this document: a return
    /// before the policy deadline whose policy is not yet in place. `nil` for most kinds.
    func pendingGroup(in context: some RuleContext) -> String?
    /// Whether `pendingGroup` can give a group at all: the checker asks only the rules of kinds
    /// that say so, once per return (`false` for most kinds; a kind that implements
    /// `pendingGroup` says `true`).
    static var defersGroups: Bool { get }

    /// Judges a document: the outcome, and the findings written through `context`.
    func judge(_ context: inout some RuleContext) -> Outcome

    /// What a bid commits to against the contract's minimum, for bids side by side
    /// (`compare-bids`); `nil` for a kind that compares with no minimum of the contract.
    func commitment(in context: some RuleContext) -> Commitment?
}

/// A bid's commitment against the contract's minimum: "90" against "at least 80", margin 10.
package struct Commitment: Sendable, Hashable {
    /// The field committed.
    package var field: String
    /// The bid's value as written for a reader (90, yes, a date, in place); `nil`
    /// when the bid does not give it readably.
    package var committed: String?
    /// The contract's minimum, in words ("at least 80", "yes", "by 2026-09-28").
    package var minimum: String
    /// How far the bid is above the minimum (negative: short of it), in the field's units or
    /// days; `nil` where there is no measure (yes or no).
    package var margin: Int?

    package init(field: String, committed: String?, minimum: String, margin: Int?) {
        self.field = field
        self.committed = committed
        self.minimum = minimum
        self.margin = margin
    }
}

extension RuleKind {
    package static var fixedCodes: [String]? { nil }
    package var conditionalFields: [FieldRef] { [] }
    package func pendingGroup(in context: some RuleContext) -> String? { nil }
    package static var defersGroups: Bool { false }
    package func commitment(in context: some RuleContext) -> Commitment? { nil }

    /// Every field the rule reads.
    package var fields: [FieldRef] {
        inputs.flatMap { input -> [FieldRef] in
            if case .field(let field, _) = input { return [field] }
            return []
        }
    }

    /// Every parameter the rule reads.
    package var parameters: [String] {
        inputs.compactMap { input in
            if case .parameter(let name, _) = input { return name }
            return nil
        }
    }
}

/// Every rule kind, in the order the library's README documents them.
package enum RuleKinds {
    package static let all: [any RuleKind.Type] = [
        IsTrue.self, AtMost.self, AtLeast.self, PercentAtLeast.self, PositiveWhile.self, AdoptedBy.self, WithinMonths.self,
        Mapped.self, Evidence.self, NoPersonalData.self,
    ]

    /// The names as written in the library.
    package static let names = all.map { $0.name }

    /// The kind of a name.
    package static func kind(named name: String) -> (any RuleKind.Type)? { all.first { $0.name == name } }
}

/// A field a rule reads: its dotted id, and its slot in the library's field table (-1 when the
/// table does not know it; lint reports that).
package struct FieldRef: Sendable, Hashable, CustomStringConvertible {
    package let id: String
    package let slot: Int

    package init(_ id: String, slot: Int) {
        self.id = id
        self.slot = slot
    }

    package var description: String { id }
}

/// A field or parameter a rule reads, with what lint requires of it.
package enum RuleInput: Sendable, Hashable {
    /// A field, and the field types the rule can judge (`nil`: any type).
    case field(FieldRef, types: [FieldType]?)
    /// A parameter of the rule's clause, and the kind it must be.
    case parameter(String, kind: Parameter.Kind)
}

/// The field types of a number.
extension [FieldType] {
    package static let numbers: [FieldType] = [.count, .percent]
}

/// Something a rule compares with: a field, the sum of several fields, or a parameter.
package enum Operand: Sendable, Hashable, CustomStringConvertible {
    /// One field, or several whose sum is meant.
    case fields([FieldRef])
    case parameter(String)

    package var description: String {
        switch self {
        case .fields(let fields): fields.map(\.id).joined(separator: " + ")
        case .parameter(let name): name
        }
    }

    /// What lint checks of the operand: numbers, or a whole-number parameter.
    package var inputs: [RuleInput] {
        switch self {
        case .fields(let fields): fields.map { .field($0, types: .numbers) }
        case .parameter(let name): [.parameter(name, kind: .int)]
        }
    }

    /// The operand's value in a document: the sum of its fields, or the parameter; `nil` when
    /// any of them is missing or unreadable.
    package func value(in context: some RuleContext) -> Int? {
        switch self {
        case .fields(let fields):
            var sum = 0
            for field in fields {
                guard let value = context.int(field) else { return nil }
                sum += value
            }
            return sum
        case .parameter(let name): return context.parameter(name)
        }
    }

    /// The operand in a message: "'staff.headcount' (64)" or "the contract's min_champions (2)".
    package func named(_ value: Int, in context: some RuleContext) -> String {
        switch self {
        case .fields(let fields) where fields.count == 1: "'\(fields[0].id)' (\(value))"
        case .fields(let fields): fields.map { "'\($0.id)'" }.joined(separator: " and ") + " together (\(value))"
        case .parameter(let name): "the contract's \(name) (\(value))"
        }
    }

    /// What a bound on figures means, after the finding: a figure above others it is part of
    /// cannot be (the data disagree); a parameter is the contract's limit or minimum.
    package func tail(atMost: Bool) -> String {
        switch self {
        case .fields: atMost ? "; it cannot be, as it counts some of the same people or things: check both figures" : ""
        case .parameter: atMost ? ", the contract's limit" : ", the contract's minimum"
        }
    }

    /// The operand in a description: its fields, or the parameter's value.
    package func described(_ words: RuleWords) -> String {
        switch self {
        case .fields(let fields): fields.map(\.id).joined(separator: " + ")
        case .parameter(let name): words.parameter(name)
        }
    }
}

/// What a rule's description needs: the document kind described for, and parameter values.
package struct RuleWords {
    /// The kind of document the description is for; `nil` for both (`horizon explain`).
    package var document: DocumentKind?
    /// The contract's value of a parameter, or `nil` to show the parameter's name.
    package var value: (String) -> String?

    package init(document: DocumentKind? = nil, value: @escaping (String) -> String? = { _ in nil }) {
        self.document = document
        self.value = value
    }

    /// A parameter's value, or `{name}` where no contract gives one.
    package func parameter(_ name: String) -> String { value(name) ?? "{\(name)}" }
}

/// How a rule's keys are read from library YAML; the library reader provides it, reporting
/// every missing or malformed key at its location.
package protocol RuleKeys {
    /// A required field id.
    func field(_ key: String) -> FieldRef?
    /// A required list of field ids.
    func fields(_ key: String) -> [FieldRef]?
    /// A required parameter name.
    func parameter(_ key: String) -> String?
    /// An optional parameter name.
    func optionalParameter(_ key: String) -> String?
    /// A required operand: a list of field ids (their sum), a field id (it has a dot) or a
    /// parameter name.
    func operand(_ key: String) -> Operand?
}

/// What a rule's judgement sees of the document and the contract, and how it writes findings.
/// The checker provides it; values are typed by the field's declared type before any rule runs.
package protocol RuleContext {
    /// Whether the document is a return or a bid.
    var documentKind: DocumentKind { get }
    /// The last day of the return's period; `nil` for a bid or an unreadable header.
    var periodEnd: CivilDate? { get }
    /// The contract's commencement date.
    var contractStart: CivilDate { get }
    /// Where policy files are found; `nil` when no evidence folder was given.
    var evidence: (any EvidenceSource)? { get }
    /// What the requirement being judged is for, such as "A workplace policy is in place".
    var requirementSummary: String { get }
    /// The code and severity of the rule being judged.
    var ruleCode: String { get }
    var ruleSeverity: Severity { get }

    /// A field's typed value, `nil` when missing, empty or not of its type.
    func int(_ field: FieldRef) -> Int?
    func bool(_ field: FieldRef) -> Bool?
    func date(_ field: FieldRef) -> CivilDate?
    func text(_ field: FieldRef) -> String?
    /// Whether the document gives the field a value (whether or not it reads as its type).
    func isGiven(_ field: FieldRef) -> Bool
    /// A whole-number parameter of the contract.
    func parameter(_ name: String) -> Int?
    /// A text parameter of the contract.
    func textParameter(_ name: String) -> String?
    /// Ids of the fields whose values the personal-data screen flagged, sorted.
    var personalDataFields: [String] { get }
    /// Keys and list items the personal-data screen flagged, by place ("the key at line 51"):
    /// they are no fields, and their text is never repeated.
    var personalDataElsewhere: [String] { get }
    /// What a field means, from the library's `fields.yaml`, for messages.
    func meaning(of field: FieldRef) -> String
    /// Text from the document for a message, quoted, unless it looks like personal data.
    func quoted(_ text: String) -> String

    /// Writes a finding with the rule's code (and its severity unless one is given) at the
    /// field's value.
    ///
    /// - Returns: `.fail` for an error, `.warn` otherwise.
    mutating func fail(_ field: FieldRef, _ message: String, severity: Severity?) -> Outcome
    /// Writes a finding with a code of its own at one field's value, about another field.
    mutating func report(_ severity: Severity, _ code: String, at place: FieldRef, field: FieldRef, _ message: String)
    /// Writes a finding that a field is missing, once per document, at its key (or the
    /// document's first line): with the rule's code and severity when `byRule`, else as an
    /// error `missing-field`.
    mutating func reportMissing(_ field: FieldRef, byRule: Bool, _ message: String)
}

extension RuleContext {
    package mutating func fail(_ field: FieldRef, _ message: String) -> Outcome { fail(field, message, severity: nil) }
}

/// What judging a rule found.
package enum Outcome: Sendable, Hashable {
    /// Met.
    case pass
    /// Not met, with an error written.
    case fail
    /// Partly met (some of a list of fields given), with an error written.
    case partial
    /// A shortfall written as a warning: does not fail the requirement.
    case warn
    /// Not due yet in this period.
    case notYetDue
    /// Could not be checked with what the run was given (the policy file, without an evidence
    /// folder): neither met nor not met, and no finding.
    case notChecked
    /// Does not apply to this document (a share of none).
    case notApplicable
    /// Cannot be judged: a field or parameter it needs is missing or unreadable (already reported).
    case unknown
}
