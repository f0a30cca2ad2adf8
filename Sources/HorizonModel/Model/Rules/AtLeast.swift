/// `at_least`: a number must be no less than a limit — another field, the sum of several
/// fields, or a parameter of the contract.
///
/// ```yaml
/// - kind: at_least
///   field: training.champions
///   limit: min_champions
///   code: champions-below-minimum
/// ```
package struct AtLeast: RuleKind {
    package static let name = "at_least"
    package let field: FieldRef
    package let limit: Operand

    package static func read(_ keys: some RuleKeys) -> AtLeast? {
        let field = keys.field("field")
        let limit = keys.operand("limit")
        guard let field, let limit else { return nil }
        return AtLeast(field: field, limit: limit)
    }

    package var inputs: [RuleInput] { [.field(field, types: .numbers)] + limit.inputs }

    package func describe(_ words: RuleWords) -> String { "\(field) is at least \(limit.described(words))" }

    package func judge(_ context: inout some RuleContext) -> Outcome {
        guard let value = context.int(field), let bound = limit.value(in: context) else { return .unknown }
        if value >= bound { return .pass }
        return context.fail(field, "'\(field)' (\(value)) is less than \(limit.named(bound, in: context))\(limit.tail(atMost: false))")
    }

    /// Against a parameter of the contract only: a limit from other fields is no minimum.
    package func commitment(in context: some RuleContext) -> Commitment? {
        guard case .parameter(let name) = limit, let bound = context.parameter(name) else { return nil }
        let value = context.int(field)
        return Commitment(
            field: field.id, committed: value.map(String.init), minimum: "at least \(bound)", margin: value.map { value in value - bound })
    }
}
