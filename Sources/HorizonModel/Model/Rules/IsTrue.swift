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
public struct IsTrue: RuleKind {
    public static let name = "is_true"
    public let field: FieldRef

    public static func read(_ keys: some RuleKeys) -> IsTrue? {
        keys.field("field").map(IsTrue.init)
    }

    public var inputs: [RuleInput] { [.field(field, types: [.bool])] }

    public func describe(_ words: RuleWords) -> String { "\(field) is true" }

    public func judge(_ context: inout some RuleContext) -> Outcome {
        guard let value = context.bool(field) else { return .unknown }
        if value { return .pass }
        return context.fail(field, "'\(field)' is false: \(context.requirementSummary.lowercasedFirst)")
    }
}
