/// `within_months`: a date must fall within a number of months (a parameter) before the end of
/// the return's period, and not after it — a review kept current.
///
/// ```yaml
/// - kind: within_months
///   field: policy.last_reviewed_on
///   months: policy_review_months
///   code: policy-review-overdue
/// ```
package struct WithinMonths: RuleKind {
    package static let name = "within_months"
    package let field: FieldRef
    package let months: String

    package static func read(_ keys: some RuleKeys) -> WithinMonths? {
        let field = keys.field("field")
        let months = keys.parameter("months")
        guard let field, let months else { return nil }
        return WithinMonths(field: field, months: months)
    }

    package var inputs: [RuleInput] { [.field(field, types: [.date]), .parameter(months, kind: .int)] }

    package func describe(_ words: RuleWords) -> String {
        "\(field) is no more than \(words.parameter(months)) months before the period end"
    }

    package func judge(_ context: inout some RuleContext) -> Outcome {
        guard let date = context.date(field), let count = context.parameter(months), let end = context.periodEnd else { return .unknown }
        let earliest = end.adding(months: -count)
        if date < earliest {
            return context.fail(
                field,
                "'\(field)' is \(date), more than \(count) months before the period end (\(end)), more than the contract allows: it was due again by \(date.adding(months: count)); if the date is right, tell the commissioner when it will be done"
            )
        }
        if date > end {
            return context.fail(field, "'\(field)' is \(date), after the period ends (\(end))")
        }
        return .pass
    }
}
