/// The plain-text account of one clause that `horizon explain` prints.
package enum ClauseExplanation {
    /// Explains a clause.
    ///
    /// - Parameters:
    ///   - clause: The clause.
    ///   - library: Its library.
    /// - Returns: Text, with parameters shown as `{name}` in the contract words.
    package static func text(for clause: Clause, in library: Library) -> String {
        var out: [String] = []
        let area = library.areas.first { $0.id == clause.area }?.title ?? clause.area
        out.append("\(clause.id) \(clause.title) (version \(clause.version))")
        out.append("Tier: \(clause.tier.value); area: \(area); library \(library.id) \(library.version)")
        var tags: [String] = []
        if !clause.ppn002.isEmpty { tags.append("PPN 002: " + clause.ppn002.joined(separator: ", ")) }
        if !clause.ntfGroups.isEmpty { tags.append("NTF groups: " + clause.ntfGroups.map(String.init).joined(separator: ", ")) }
        if !tags.isEmpty { out.append("Serves: " + tags.joined(separator: "; ")) }
        out.append("")
        out.append("Contract text")
        for (index, paragraph) in clause.text.enumerated() {
            let words = paragraph.segments.map { segment -> String in
                switch segment {
                case .words(let text): text
                case .parameter(let name): "{\(name)}"
                case .counted(let name): "{\(name)} " + (clause.parameters.first { $0.name == name }?.unit ?? "")
                case .term(let term): term
                case .reference(let id): "clause \(id)"
                }
            }.joined()
            out.append(Wrap.lines(words, indent: "      ", firstIndent: "  \(index + 1).  "))
            switch paragraph.trace {
            case .judgedBy(let ids)?:
                out.append(Wrap.lines("judged by: " + ids.map(\.value).joined(separator: ", "), indent: "        ", firstIndent: "      "))
            case .judgedAt(let point, let reason)?:
                out.append(Wrap.lines("judged at \(point.value): \(reason)", indent: "        ", firstIndent: "      "))
            case nil:
                break
            }
        }
        if let notAt = clause.notAt.first {
            out.append("")
            out.append(
                Wrap.lines(
                    "Not held at the \(([notAt] + clause.notAt.dropFirst()).map(\.value).joined(separator: ", ")) tier: \(clause.notAtReason)"
                ))
        }
        if !clause.omittable {
            out.append("")
            out.append("A core clause: a contract may not leave it out.")
        }
        if !clause.parameters.isEmpty {
            out.append("")
            out.append("Parameters")
            for parameter in clause.parameters {
                let unit = parameter.unit.map { " \($0)" } ?? ""
                let value = parameter.defaultValue.map { "default \($0)\(unit)" } ?? "no default"
                out.append("  \(parameter.name): \(parameter.kind.rawValue), \(value), allowed \(parameter.allowedDescription)")
                out.append(Wrap.lines(parameter.meaning, indent: "      "))
                if let guidance = parameter.guidance { out.append(Wrap.lines(guidance, indent: "      ")) }
            }
        }
        out.append("")
        out.append("Guidance for commissioners")
        out.append(Wrap.lines(clause.guidance, indent: "  "))
        out.append("")
        out.append("Basis")
        for item in clause.basis { out.append(Wrap.lines(item, indent: "    ", firstIndent: "  - ")) }
        out.append("")
        out.append("Requirements")
        for requirement in clause.requirements {
            let kinds = requirement.documents.sorted().map(\.rawValue).joined(separator: ", ")
            out.append("  \(requirement.id) (\(kinds)): \(requirement.summary)")
            if let kpi = requirement.kpi {
                out.append(
                    Wrap.lines(
                        "KPI: \(kpi.value), rated Good / Approaching target / Requires improvement / Inadequate (or Other) by its share; the bands are set by kpi_approaching_points and kpi_requires_improvement_points",
                        indent: "      ", firstIndent: "    "))
            }
            if !requirement.fields.isEmpty {
                out.append(
                    Wrap.lines("fields: " + requirement.fields.map(\.value).joined(separator: ", "), indent: "      ", firstIndent: "    "))
            }
            for rule in requirement.rules {
                let text = "rule \(rule.kindName): \(rule.kind.describe(RuleWords())); else \(rule.severity.rawValue)[\(rule.code)]"
                out.append(Wrap.lines(text, indent: "      ", firstIndent: "    "))
            }
        }
        return out.joined(separator: "\n")
    }
}
