/// `is_true`: a yes/no field must be true.
///
/// ```yaml
/// - kind: is_true
///   field: data.sharing_agreement
///   code: sharing-agreement-not-signed
/// ```
///
/// Reports the rule's code at the field when it is false; the message is the requirement's
/// summary, so the words come from the clause.
package struct IsTrue: RuleKind {
    package static let name = "is_true"
    package let field: FieldRef

    package static func read(_ keys: some RuleKeys) -> IsTrue? {
        keys.field("field").map(IsTrue.init)
    }

    package var inputs: [RuleInput] { [.field(field, types: [.bool])] }

    package func describe(_ words: RuleWords) -> String { "\(field) is true" }

    package func judge(_ context: inout some RuleContext) -> Outcome {
        guard let value = context.bool(field) else { return .unknown }
        if value { return .pass }
        // The requirement's summary says what the contract asks ("the local information sharing
        // agreement is signed"): after "requires that", it reads as the duty, not as a fact.
        let then =
            context.documentKind == .bid
            ? "a bid must answer true to meet it" : "if false is right, tell the commissioner what you are doing about it"
        return context.fail(
            field, "'\(field)' is false, but the contract requires that \(context.requirementSummary.lowercasedFirst): \(then)")
    }

    package func commitment(in context: some RuleContext) -> Commitment? {
        Commitment(field: field.id, committed: context.bool(field).map { $0 ? "yes" : "no" }, minimum: "yes", margin: nil)
    }
}
