internal import HorizonModel

/// The words and the checks cannot drift in meaning: every paragraph that imposes a duty says
/// what judges it, and every level the words set is judged by a rule.
extension Linter {
    /// Level parameters that the checker applies itself rather than through a rule.
    static let judgedByChecker: Set<String> = [
        "suppression_threshold",  // the small-number screen of every count of people
        "late_tolerance_days",  // the header's lateness check: late beyond it is an error
        "kpi_approaching_points", "kpi_requires_improvement_points",  // the KPI bands
        "disclosure_fall_percent",  // a run's comparison of each return with the period before
    ]

    static func traceability(_ library: Library) -> [Finding] {
        var findings: [Finding] = []
        let tiers = library.tiers.map(\.id)
        for clause in library.clauses {
            let requirements = clause.requirements.map(\.id)
            let levels = Set(clause.parameters.filter { $0.kind == .int }.map(\.name))
            var judged = judgedByChecker
            for requirement in clause.requirements {
                for rule in requirement.rules { judged.formUnion(rule.kind.parameters) }
            }
            for paragraph in clause.text {
                let used = paragraph.segments.compactMap(\.parameterName)
                switch paragraph.trace {
                case nil:
                    if paragraph.imposesDuty {
                        findings.append(
                            Finding(
                                .error, "duty-not-judged",
                                "this paragraph imposes a duty ('shall') but says nothing of what judges it: give 'judged_by' (requirement ids of \(clause.id)) or 'judged_at' with a 'reason'",
                                at: paragraph.location, clause: clause.id))
                    }
                case .judgedBy(let ids)?:
                    for id in ids where !requirements.contains(id.value) {
                        findings.append(
                            Finding(
                                .error, "unknown-requirement",
                                "'judged_by' names '\(id.value)', which is not a requirement of \(clause.id)\(Nearest.hint(for: id.value, in: requirements))",
                                at: id.location, clause: clause.id))
                    }
                case .judgedAt(let point, _)?:
                    if let level = used.first(where: levels.contains) {
                        findings.append(
                            Finding(
                                .error, "level-not-judged",
                                "this paragraph sets a level ('{{\(level)}}'), so a rule must judge it: give 'judged_by', not 'judged_at: \(point.value)'",
                                at: point.location, clause: clause.id))
                    }
                }
                for name in used where levels.contains(name) && !judged.contains(name) {
                    findings.append(
                        Finding(
                            .error, "parameter-not-judged",
                            "the text sets a level with '{{\(name)}}', but no rule of \(clause.id) uses it: the words would ask what no check holds the supplier to",
                            at: paragraph.location, clause: clause.id))
                }
            }
            for requirement in clause.requirements {
                if let kpi = requirement.kpi, requirement.kpiShare == nil {
                    findings.append(
                        Finding(
                            .error, "kpi-not-a-share",
                            "requirement '\(requirement.id)' is marked as a KPI but has no percent_at_least rule to measure and rate it",
                            at: kpi.location, clause: clause.id))
                }
            }
            // A `when:` names a text parameter of the clause and one of its values.
            let conditions = clause.text.map(\.when) + clause.requirements.map(\.when)
            for (name, value) in conditions.flatMap({ $0 }) {
                guard let parameter = clause.parameters.first(where: { $0.name == name }), parameter.kind == .text else {
                    findings.append(
                        Finding(
                            .error, "bad-condition",
                            "'when' names '\(name)', which is not a text parameter of \(clause.id)", at: value.location, clause: clause.id))
                    continue
                }
                if !parameter.values.isEmpty && !parameter.values.contains(value.value) {
                    findings.append(
                        Finding(
                            .error, "bad-condition",
                            "'when' asks for \(name) '\(value.value)', which is not one of its values (\(parameter.values.joined(separator: ", ")))",
                            at: value.location, clause: clause.id))
                }
            }
            for tier in clause.notAt where !tiers.contains(tier.value) {
                findings.append(
                    Finding(
                        .error, "unknown-tier",
                        "'not_at' names tier '\(tier.value)', which the library does not define\(Nearest.hint(for: tier.value, in: tiers))",
                        at: tier.location, clause: clause.id))
            }
            if !clause.notAt.isEmpty && clause.notAtReason.isEmpty {
                findings.append(
                    Finding(
                        .error, "no-reason", "'not_at' needs a 'not_at_reason' saying why those tiers do not hold \(clause.id)",
                        at: clause.notAt[0].location, clause: clause.id))
            }
        }
        return findings
    }
}
