/// `adopted_by`: a policy (a yes/no flag and its adoption date) must be in place within a
/// number of days (a parameter) of the contract's start.
///
/// In a return: before the deadline a policy not yet in place is not yet due, and what else
/// the return says of it is not yet due either (`pendingGroup`); after it, the flag must be
/// true with the adoption date given, on or before the period's end. Adoption after the
/// deadline is a warning (`adopted-late`). In a bid: the flag is true, or the date by
/// which the bidder will adopt one is no later than the deadline.
///
/// ```yaml
/// - kind: adopted_by
///   flag: policy.in_place
///   date: policy.adopted_on            # in a bid: policy.in_place_by
///   days_after_start: policy_deadline_days
///   code: policy-not-in-place
/// ```
package struct AdoptedBy: RuleKind {
    package static let name = "adopted_by"
    package let flag: FieldRef
    package let date: FieldRef
    package let days: String

    package static func read(_ keys: some RuleKeys) -> AdoptedBy? {
        let flag = keys.field("flag")
        let date = keys.field("date")
        let days = keys.parameter("days_after_start")
        guard let flag, let date, let days else { return nil }
        return AdoptedBy(flag: flag, date: date, days: days)
    }

    package var inputs: [RuleInput] { [.field(flag, types: [.bool]), .field(date, types: [.date]), .parameter(days, kind: .int)] }

    /// The date is asked for only in the case the rule says.
    package var conditionalFields: [FieldRef] { [date] }

    package func describe(_ words: RuleWords) -> String {
        let days = words.parameter(self.days)
        switch words.document {
        case .bid?: return "\(flag) is true, or else \(date) is no later than \(days) days after the start"
        case .return?: return "\(flag) is true by \(days) days after the start, with \(date) the date of adoption"
        case nil:
            return
                "in a return, \(flag) is true by \(days) days after the start (\(date) the date of adoption); in a bid, \(flag) is true or else \(date) is no later than that"
        }
    }

    package static var defersGroups: Bool { true }

    /// Before the deadline, in a return whose policy is not yet in place, the flag's group.
    package func pendingGroup(in context: some RuleContext) -> String? {
        guard context.documentKind == .return, let end = context.periodEnd, context.bool(flag) == false,
            let allowed = context.parameter(days), end < context.contractStart.adding(days: allowed),
            let dot = flag.id.lastIndex(of: ".")
        else { return nil }
        return String(flag.id[...dot])
    }

    package func judge(_ context: inout some RuleContext) -> Outcome {
        guard let inPlace = context.bool(flag), let allowed = context.parameter(days) else { return .unknown }
        let deadline = context.contractStart.adding(days: allowed)
        if context.documentKind == .bid {
            if inPlace { return .pass }
            guard context.isGiven(date) else {
                context.report(
                    context.ruleSeverity, context.ruleCode, at: flag, field: date,
                    "'\(flag)' is false and '\(date)' gives no date by which it will be true: \(context.requirementSummary.lowercasedFirst), by \(deadline)"
                )
                return .fail
            }
            guard let by = context.date(date) else { return .unknown }
            if by <= deadline { return .pass }
            return context.fail(
                date,
                "'\(date)' is \(by), after the contract's deadline of \(deadline) (\(allowed) days after the start): \(context.requirementSummary.lowercasedFirst)"
            )
        }
        if inPlace {
            guard context.isGiven(date) else {
                context.reportMissing(date, byRule: false, "'\(date)' is missing: \(context.meaning(of: date).lowercasedFirst)")
                return .fail
            }
            guard let adopted = context.date(date) else { return .unknown }
            if let end = context.periodEnd, adopted > end {
                return context.fail(date, "'\(date)' is \(adopted), after the period ends (\(end))")
            }
            if adopted > deadline {
                context.report(
                    .warning, "adopted-late", at: date, field: date,
                    "'\(date)' is \(adopted), after the deadline of \(deadline) (\(allowed) days after the start)")
            }
            return .pass
        }
        if let end = context.periodEnd, end < deadline { return .notYetDue }
        return context.fail(
            flag, "'\(flag)' is false: \(context.requirementSummary.lowercasedFirst); the contract required it by \(deadline)")
    }

    /// In a bid: in place now, or the date it will be, against the contract's deadline; the
    /// margin is the days to spare (from the start, for one in place now).
    package func commitment(in context: some RuleContext) -> Commitment? {
        guard context.documentKind == .bid, let allowed = context.parameter(days) else { return nil }
        let deadline = context.contractStart.adding(days: allowed)
        let minimum = "by \(deadline)"
        switch context.bool(flag) {
        case true?: return Commitment(field: flag.id, committed: "in place", minimum: minimum, margin: allowed)
        case false?:
            let by = context.date(date)
            return Commitment(
                field: date.id, committed: by?.description, minimum: minimum, margin: by.map { deadline.dayNumber - $0.dayNumber })
        case nil: return Commitment(field: flag.id, committed: nil, minimum: minimum, margin: nil)
        }
    }
}
