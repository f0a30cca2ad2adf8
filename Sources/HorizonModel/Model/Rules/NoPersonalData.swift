/// `no_personal_data`: the return holds aggregate figures only. Not met when the personal-data
/// screen flagged any value, key or list item of the document (each is reported where it
/// stands, never quoted);
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
        let fields = context.personalDataFields
        let places = fields.map { "'\($0)'" } + context.personalDataElsewhere
        guard let first = places.first else { return .pass }
        let noun = places.count == fields.count ? "fields" : "places"
        let which = places.count == 1 ? "\(first) seems to hold" : "\(places.count) \(noun), from \(first), seem to hold"
        // Located at the first flagged field; a key or list item has no field to point at, so
        // the finding points at the document's start and names the place in words.
        return context.fail(
            FieldRef(fields.first ?? "", slot: -1),
            "\(which) personal data, which the contract forbids in a return: remove it (each place is reported with what it seems to hold)")
    }
}
