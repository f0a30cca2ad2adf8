/// `percent_at_least`: a part must be at least a target share of a whole, optionally only from
/// some months after the contract starts (before then a shortfall is a warning and the
/// requirement is not yet due). A whole of 0 makes the rule not applicable: rules that a
/// whole be more than 0 are `positive_while`'s work.
///
/// ```yaml
/// - kind: percent_at_least
///   part: training.trained
///   whole: training.staff_in_scope
///   target: training_target_percent
///   from_months: training_target_from_months     # optional; or from_days: a days parameter
///   code: training-below-target
/// ```
package struct PercentAtLeast: RuleKind {
    package static let name = "percent_at_least"
    package let part: FieldRef
    package let whole: FieldRef
    package let target: String
    package let fromMonths: String?
    /// Days after the start from which the target applies (`from_days`), instead of months.
    package var fromDays: String? = nil

    package static func read(_ keys: some RuleKeys) -> PercentAtLeast? {
        let part = keys.field("part")
        let whole = keys.field("whole")
        let target = keys.parameter("target")
        let from = keys.optionalParameter("from_months")
        let fromDays = keys.optionalParameter("from_days")
        guard let part, let whole, let target else { return nil }
        var rule = PercentAtLeast(part: part, whole: whole, target: target, fromMonths: from)
        rule.fromDays = fromDays
        return rule
    }

    package var inputs: [RuleInput] {
        [.field(part, types: [.count]), .field(whole, types: [.count]), .parameter(target, kind: .int)]
            + (fromMonths.map { [.parameter($0, kind: .int)] } ?? []) + (fromDays.map { [.parameter($0, kind: .int)] } ?? [])
    }

    package func describe(_ words: RuleWords) -> String {
        let phase =
            fromMonths.map { " from \(words.parameter($0)) months after the start (a shortfall before then is a warning)" }
            ?? fromDays.map { " from \(words.parameter($0)) days after the start (a shortfall before then is a warning)" } ?? ""
        return "\(part) is at least \(words.parameter(target))% of \(whole)\(phase)"
    }

    /// The first day the target applies: the start, or months or days after it.
    package func appliesFrom(_ start: CivilDate, _ parameter: (String) -> Int?) -> CivilDate {
        if let months = fromMonths.flatMap(parameter) { return start.adding(months: months) }
        if let days = fromDays.flatMap(parameter) { return start.adding(days: days) }
        return start
    }

    package func judge(_ context: inout some RuleContext) -> Outcome {
        guard let numerator = context.int(part), let denominator = context.int(whole), let percent = context.parameter(target) else {
            return .unknown
        }
        if denominator == 0 { return .notApplicable }
        // Compared as multiplications, so that no share is rounded; counts are bounded by the
        // reader, so neither product can overflow.
        if numerator * 100 >= percent * denominator { return .pass }
        let from = appliesFrom(context.contractStart, context.parameter)
        // Rounded half up, as a reader would round it.
        let share = (numerator * 200 + denominator) / (2 * denominator)
        let message = "'\(part)' is \(numerator) of \(denominator) '\(whole)' (\(share)%); the contract requires \(percent)% from \(from)"
        if let end = context.periodEnd, end < from {
            _ = context.fail(part, message + "; not yet due", severity: .warning)
            return .notYetDue
        }
        return context.fail(part, message)
    }
}
