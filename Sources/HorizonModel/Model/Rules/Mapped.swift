/// `mapped`: each of a list of text fields must be filled in — such as the section of the
/// policy that covers each element the contract requires. A missing one is reported with the
/// field's meaning from the library. Some given and some not is partly
/// met (an error rule) or a warning.
///
/// ```yaml
/// - kind: mapped
///   fields: [policy.covers.disclosure_route, policy.covers.confidentiality]
///   code: policy-element-missing
/// ```
package struct Mapped: RuleKind {
    package static let name = "mapped"
    package let fields: [FieldRef]

    package static func read(_ keys: some RuleKeys) -> Mapped? {
        keys.fields("fields").map(Mapped.init)
    }

    package var inputs: [RuleInput] { fields.map { .field($0, types: nil) } }

    package func describe(_ words: RuleWords) -> String {
        fields.count == 1
            ? "\(fields[0]) is filled in" : "each of \(fields.count) fields is filled in: " + fields.map(\.id).joined(separator: ", ")
    }

    package func judge(_ context: inout some RuleContext) -> Outcome {
        var missing = 0
        for field in fields where !context.isGiven(field) {
            missing += 1
            context.reportMissing(field, byRule: true, "'\(field)' is missing: give \(context.meaning(of: field).lowercasedFirst)")
        }
        if missing == 0 { return .pass }
        if missing == fields.count { return .fail }
        return context.ruleSeverity == .error ? .partial : .warn
    }
}
