/// `no_personal_data`: the return holds aggregate figures only. Not met when the personal-data
/// screen flagged any value of the document (each is reported where it stands, never quoted);
/// this rule ties those findings to the clause whose duty they break.
///
/// ```yaml
/// - kind: no_personal_data
///   code: return-not-aggregate
/// ```
package struct NoPersonalData: RuleKind {
    package static let name = "no_personal_data"

    package static func read(_ keys: some RuleKeys) -> NoPersonalData? { NoPersonalData() }

    package var inputs: [RuleInput] { [] }

    package func describe(_ words: RuleWords) -> String { "no value of the return looks like personal data" }

    package func judge(_ context: inout some RuleContext) -> Outcome {
        let flagged = context.personalDataFields
        guard let first = flagged.first else { return .pass }
        let which = flagged.count == 1 ? "'\(first)' seems to hold" : "\(flagged.count) fields, from '\(first)', seem to hold"
        return context.fail(
            FieldRef(first, slot: -1), "\(which) personal data, which the contract forbids: \(context.requirementSummary.lowercasedFirst)")
    }
}
