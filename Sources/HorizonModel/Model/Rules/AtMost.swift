/// `at_most`: a number must be no more than a limit — another field, the sum of several
/// fields, or a parameter of the contract.
///
/// ```yaml
/// - kind: at_most
///   field: ask_and_act.referrals_specialist
///   limit: [ask_and_act.disclosures, ask_and_act.referred_from_earlier]
///   code: referrals-exceed-disclosures
/// ```
package struct AtMost: RuleKind {
    package static let name = "at_most"
    package let field: FieldRef
    package let limit: Operand

    package static func read(_ keys: some RuleKeys) -> AtMost? {
        let field = keys.field("field")
        let limit = keys.operand("limit")
        guard let field, let limit else { return nil }
        return AtMost(field: field, limit: limit)
    }

    package var inputs: [RuleInput] { [.field(field, types: .numbers)] + limit.inputs }

    package func describe(_ words: RuleWords) -> String { "\(field) is at most \(limit.described(words))" }

    package func judge(_ context: inout some RuleContext) -> Outcome {
        guard let value = context.int(field), let bound = limit.value(in: context) else { return .unknown }
        if value <= bound { return .pass }
        return context.fail(field, "'\(field)' (\(value)) is more than \(limit.named(bound, in: context))\(limit.tail(atMost: true))")
    }

    /// Against a parameter of the contract only: a limit from other fields is no minimum.
    package func commitment(in context: some RuleContext) -> Commitment? {
        guard case .parameter(let name) = limit, let bound = context.parameter(name) else { return nil }
        let value = context.int(field)
        return Commitment(
            field: field.id, committed: value.map(String.init), minimum: "at most \(bound)", margin: value.map { value in bound - value })
    }
}
