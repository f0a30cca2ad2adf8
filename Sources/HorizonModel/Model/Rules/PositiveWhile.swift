/// `positive_while`: while one count is more than 0, at least one of some other counts must be
/// more than 0 too — so that a return of zeros is never the easiest way to comply. Staff in
/// scope for training while the headcount is positive; some enquiry, disclosure or referral
/// while staff are in scope (as a warning that asks for an explanation).
///
/// ```yaml
/// - kind: positive_while
///   fields: [training.staff_in_scope]
///   while: staff.headcount
///   unless: no_public_facing_staff     # optional: a yes/no text parameter; "yes" turns the rule off
///   code: no-staff-in-scope
/// ```
package struct PositiveWhile: RuleKind {
    package static let name = "positive_while"
    package let fields: [FieldRef]
    package let condition: FieldRef
    package let unless: String?

    package static func read(_ keys: some RuleKeys) -> PositiveWhile? {
        let fields = keys.fields("fields")
        let condition = keys.field("while")
        let unless = keys.optionalParameter("unless")
        guard let fields, !fields.isEmpty, let condition else { return nil }
        return PositiveWhile(fields: fields, condition: condition, unless: unless)
    }

    package var inputs: [RuleInput] {
        fields.map { .field($0, types: [.count]) } + [.field(condition, types: [.count])]
            + (unless.map { [.parameter($0, kind: .text)] } ?? [])
    }

    package func describe(_ words: RuleWords) -> String {
        let which =
            fields.count == 1 ? "\(fields[0]) is more than 0" : "at least one of \(fields.map(\.id).joined(separator: ", ")) is more than 0"
        let exception = unless.map { " (unless the contract sets \($0) to yes)" } ?? ""
        return "\(which) while \(condition) is more than 0\(exception)"
    }

    package func judge(_ context: inout some RuleContext) -> Outcome {
        if let unless, context.textParameter(unless) == "yes" { return .notApplicable }
        guard let base = context.int(condition) else { return .unknown }
        var values: [Int] = []
        for field in fields {
            guard let value = context.int(field) else { return .unknown }
            if value > 0 { return .pass }
            values.append(value)
        }
        if base == 0 { return .notApplicable }
        let what = fields.count == 1 ? "'\(fields[0])' is 0" : fields.map { "'\($0)'" }.joined(separator: ", ") + " are all 0"
        return context.fail(fields[0], "\(what) while '\(condition)' is \(base): \(context.requirementSummary.lowercasedFirst)")
    }
}
