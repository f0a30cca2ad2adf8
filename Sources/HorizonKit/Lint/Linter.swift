package import HorizonModel

/// Finds every defect in a loaded clause library.
///
/// Each check is a small function over the whole library, listed once in `checks`; all run and
/// all findings are returned, sorted by location.
package enum Linter {
    /// The core fields every version of the library keeps (SPEC §5).
    package static let coreFields =
        [
            "policy.in_place", "policy.document", "policy.sha256", "policy.adopted_on", "policy.last_reviewed_on",
            "policy.lead_role", "staff.headcount", "staff.informed_of_policy", "staff.disclosures", "training.staff_in_scope",
            "training.trained", "training.champions", "ask_and_act.enquiries", "ask_and_act.disclosures",
            "ask_and_act.referrals_specialist", "ask_and_act.referrals_marac", "pathway.meetings_held",
            "pathway.meetings_attended", "data.sharing_agreement",
        ] + PolicyElements.all.map { "policy.covers.\($0)" }

    /// The core parameters every version of the library keeps (SPEC §4, §8).
    package static let coreParameters = [
        "policy_deadline_days", "policy_review_months", "training_target_percent", "training_target_from_months",
        "min_champions", "suppression_threshold",
    ]

    static var checks: [(Library) -> [Finding]] {
        [
            duplicateIDs, tierChain, serviceTiers, clauseTiersAndAreas, parameterUse, parameterRanges, ruleReferences,
            references, terms, coreNames, traceability,
        ]
    }

    /// Lints a library.
    ///
    /// - Parameter library: The loaded library.
    /// - Returns: Every defect found, sorted by location.
    package static func lint(_ library: Library) -> [Finding] {
        checks.flatMap { $0(library) }.sorted(by: Finding.reportOrder)
    }

    // MARK: - Checks

    static func duplicates<T>(_ items: [T], _ key: (T) -> String, _ at: (T) -> SourceLocation, _ what: String) -> [Finding] {
        var first: [String: SourceLocation] = [:]
        var findings: [Finding] = []
        for item in items {
            let id = key(item)
            if let earlier = first[id] {
                findings.append(
                    Finding(
                        .error, "duplicate-id", "\(what) '\(id)' is defined twice", at: at(item),
                        notes: [Note("'\(id)' is first defined here", at: earlier)]))
            } else {
                first[id] = at(item)
            }
        }
        return findings
    }

    static func duplicateIDs(_ library: Library) -> [Finding] {
        var findings = duplicates(library.clauses, \.id, \.location, "clause")
        findings += duplicates(library.tiers, \.id, \.location, "tier")
        findings += duplicates(library.areas, \.id, \.location, "area")
        findings += duplicates(library.services, \.id, \.location, "service")
        findings += duplicates(library.fields, \.id, \.location, "field")
        findings += duplicates(library.definitions, \.term, \.location, "term")
        for clause in library.clauses {
            findings += duplicates(clause.requirements, \.id, \.location, "requirement of \(clause.id)")
        }
        // A contract sets all its parameters in one map, so a name may be declared once only.
        let parameters = library.clauses.flatMap { clause in clause.parameters.map { (clause.id, $0) } }
        findings += duplicates(parameters, { $0.1.name }, { $0.1.location }, "parameter")
        return findings
    }

    static func tierChain(_ library: Library) -> [Finding] {
        var findings: [Finding] = []
        for tier in library.tiers {
            guard let includes = tier.includes else { continue }
            if includes.value == tier.id {
                findings.append(Finding(.error, "tier-includes-itself", "tier '\(tier.id)' includes itself", at: includes.location))
            } else if library.tier(includes.value) == nil {
                findings.append(
                    Finding(
                        .error, "unknown-tier",
                        "tier '\(tier.id)' includes unknown tier '\(includes.value)'\(Nearest.hint(for: includes.value, in: library.tiers.map(\.id)))",
                        at: includes.location))
            } else if library.tierLoops(through: tier.id) {
                findings.append(
                    Finding(
                        .error, "tier-includes-itself", "tier '\(tier.id)' includes itself through '\(includes.value)'",
                        at: includes.location))
            }
        }
        return findings
    }

    static func serviceTiers(_ library: Library) -> [Finding] {
        library.services.compactMap { service in
            library.tier(service.tier.value) == nil
                ? Finding(
                    .error, "unknown-tier",
                    "service '\(service.id)' is mapped to unknown tier '\(service.tier.value)'\(Nearest.hint(for: service.tier.value, in: library.tiers.map(\.id)))",
                    at: service.tier.location)
                : nil
        }
    }

    static func clauseTiersAndAreas(_ library: Library) -> [Finding] {
        var findings: [Finding] = []
        let areas = library.areas.map(\.id)
        for clause in library.clauses {
            if !clause.tier.value.isEmpty && library.tier(clause.tier.value) == nil {
                findings.append(
                    Finding(
                        .error, "unknown-tier",
                        "clause \(clause.id) has unknown tier '\(clause.tier.value)'\(Nearest.hint(for: clause.tier.value, in: library.tiers.map(\.id)))",
                        at: clause.tier.location, clause: clause.id))
            }
            if !clause.area.isEmpty && !areas.contains(clause.area) {
                findings.append(
                    Finding(
                        .error, "unknown-area",
                        "clause \(clause.id) is in unknown area '\(clause.area)'\(Nearest.hint(for: clause.area, in: areas)); areas are declared in library.yaml",
                        at: clause.location, clause: clause.id))
            }
            if clause.requirements.isEmpty {
                findings.append(
                    Finding(
                        .error, "no-requirements", "clause \(clause.id) sets no requirement for a return or a bid",
                        at: clause.location, clause: clause.id))
            }
            for requirement in clause.requirements where requirement.documents.isEmpty {
                findings.append(
                    Finding(
                        .error, "no-documents", "requirement '\(requirement.id)' judges no document kind",
                        at: requirement.location, clause: clause.id))
            }
        }
        return findings
    }

    static func parameterUse(_ library: Library) -> [Finding] {
        var findings: [Finding] = []
        for clause in library.clauses {
            let declared = Set(clause.parameters.map(\.name))
            var used: Set<String> = []
            for paragraph in clause.text {
                for segment in paragraph.segments {
                    guard let name = segment.parameterName else { continue }
                    used.insert(name)
                    if case .counted = segment, let parameter = clause.parameters.first(where: { $0.name == name }), parameter.unit == nil {
                        findings.append(
                            Finding(
                                .error, "counted-without-unit",
                                "'{{count:\(name)}}' shows the value with its unit, but '\(name)' declares no 'unit'",
                                at: paragraph.location, clause: clause.id))
                    }
                    if !declared.contains(name) {
                        findings.append(
                            Finding(
                                .error, "undeclared-parameter",
                                "clause text uses parameter '\(name)', which \(clause.id) does not declare\(Nearest.hint(for: name, in: declared))",
                                at: paragraph.location, clause: clause.id))
                    }
                }
            }
            for requirement in clause.requirements {
                for rule in requirement.rules {
                    used.formUnion(rule.kind.parameters)
                }
            }
            for parameter in clause.parameters where !used.contains(parameter.name) {
                findings.append(
                    Finding(
                        .error, "unused-parameter",
                        "parameter '\(parameter.name)' is declared but used neither in the text nor in a rule", at: parameter.location,
                        clause: clause.id))
            }
        }
        return findings
    }

    static func parameterRanges(_ library: Library) -> [Finding] {
        var findings: [Finding] = []
        for clause in library.clauses {
            for parameter in clause.parameters {
                if let low = parameter.min, let high = parameter.max, low > high {
                    findings.append(
                        Finding(
                            .error, "bad-range", "parameter '\(parameter.name)' has min \(low) above max \(high)",
                            at: parameter.location, clause: clause.id))
                }
                if let value = parameter.defaultValue, !parameter.allows(value) {
                    findings.append(
                        Finding(
                            .error, "default-out-of-range",
                            "the default of '\(parameter.name)', '\(value)', is outside its own range (\(parameter.allowedDescription))",
                            at: parameter.defaultLocation, clause: clause.id))
                }
            }
        }
        return findings
    }

    static func ruleReferences(_ library: Library) -> [Finding] {
        guard library.fieldsRead else { return [] }
        var findings: [Finding] = []
        let fieldIDs = library.fields.map(\.id)
        for clause in library.clauses {
            let parameters = Dictionary(clause.parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for requirement in clause.requirements {
                func checkField(_ id: String, at location: SourceLocation, expecting types: [FieldType]? = nil) {
                    guard let field = library.field(id) else {
                        findings.append(
                            Finding(
                                .error, "unknown-field",
                                "requirement '\(requirement.id)' names unknown field '\(id)'\(Nearest.hint(for: id, in: fieldIDs))",
                                at: location, clause: clause.id, field: id))
                        return
                    }
                    let missing = requirement.documents.subtracting(field.documents)
                    if !missing.isEmpty {
                        let kinds = missing.sorted().map(\.rawValue).joined(separator: ", ")
                        findings.append(
                            Finding(
                                .error, "field-not-in-document",
                                "field '\(id)' is not part of a \(kinds), which requirement '\(requirement.id)' judges", at: location,
                                clause: clause.id, field: id))
                    }
                    if let types, !types.contains(field.type) {
                        let names = types.map(\.rawValue).joined(separator: " or ")
                        findings.append(
                            Finding(
                                .error, "wrong-field-type",
                                "a '\(id)' is a \(field.type.rawValue), but this rule needs a \(names)", at: location, clause: clause.id,
                                field: id))
                    }
                }
                func checkParameter(_ name: String, _ kind: Parameter.Kind, at location: SourceLocation) {
                    guard let parameter = parameters[name] else {
                        findings.append(
                            Finding(
                                .error, "unknown-parameter",
                                "rule names parameter '\(name)', which \(clause.id) does not declare\(Nearest.hint(for: name, in: parameters.keys.sorted()))",
                                at: location, clause: clause.id))
                        return
                    }
                    if parameter.kind != kind {
                        let needed = kind == .int ? "a whole-number" : "a text"
                        let given = parameter.kind == .int ? "a whole number" : "text"
                        findings.append(
                            Finding(
                                .error, "wrong-field-type", "rule needs \(needed) parameter, but '\(name)' is \(given)",
                                at: location, clause: clause.id))
                    }
                }
                for field in requirement.fields { checkField(field.value, at: field.location) }
                for rule in requirement.rules {
                    for input in rule.kind.inputs {
                        switch input {
                        case .field(let field, let types): checkField(field.id, at: rule.location, expecting: types)
                        case .parameter(let name, let kind): checkParameter(name, kind, at: rule.location)
                        }
                    }
                }
            }
        }
        return findings
    }

    static func references(_ library: Library) -> [Finding] {
        var findings: [Finding] = []
        for clause in library.clauses {
            for paragraph in clause.text {
                for case .reference(let id) in paragraph.segments {
                    guard let target = library.clause(id) else {
                        findings.append(
                            Finding(
                                .error, "unknown-reference",
                                "clause text refers to unknown clause '\(id)'\(Nearest.hint(for: id, in: library.clauses.map(\.id)))",
                                at: paragraph.location, clause: clause.id))
                        continue
                    }
                    if let from = library.rank(ofTier: clause.tier.value), let to = library.rank(ofTier: target.tier.value), to > from {
                        findings.append(
                            Finding(
                                .error, "reference-to-higher-tier",
                                "\(clause.id) (\(clause.tier.value)) refers to \(id) (\(target.tier.value)), which a \(clause.tier.value) contract does not hold",
                                at: paragraph.location, clause: clause.id))
                    }
                }
            }
        }
        return findings
    }

    static func terms(_ library: Library) -> [Finding] {
        guard library.definitionsRead else { return [] }
        var findings: [Finding] = []
        let defined = Set(library.definitions.map(\.term))
        var used: Set<String> = []
        for clause in library.clauses {
            for paragraph in clause.text {
                for case .term(let term) in paragraph.segments {
                    used.insert(term)
                    if !defined.contains(term) {
                        findings.append(
                            Finding(
                                .error, "undefined-term",
                                "clause text uses term '\(term)', which definitions.yaml does not define\(Nearest.hint(for: term, in: defined.sorted()))",
                                at: paragraph.location, clause: clause.id))
                    }
                }
            }
        }
        for definition in library.definitions where !used.contains(definition.term) {
            findings.append(
                Finding(
                    .error, "unused-term", "term '\(definition.term)' is defined but no clause uses it",
                    at: definition.location))
        }
        return findings
    }

    static func coreNames(_ library: Library) -> [Finding] {
        var findings: [Finding] = []
        for id in coreFields where library.fieldsRead && library.field(id) == nil {
            findings.append(
                Finding(
                    .error, "missing-core-field", "core field '\(id)' is not declared in fields.yaml",
                    at: library.location))
        }
        for name in coreParameters where library.parameter(name) == nil {
            findings.append(
                Finding(
                    .error, "missing-core-parameter", "core parameter '\(name)' is declared by no clause",
                    at: library.location))
        }
        return findings
    }
}

/// The ten elements of a workplace policy (SPEC §5).
package enum PolicyElements {
    /// In the order SPEC §5 lists them.
    package static let all = [
        "definition_and_scope", "named_lead", "disclosure_route", "confidentiality", "safety_at_work",
        "leave_and_flexibility", "signposting", "perpetrator_response", "record_keeping", "review_cycle",
    ]
}
