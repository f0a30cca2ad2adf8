internal import Foundation
package import HorizonModel

/// Reads a contract specification and resolves it against the library, reporting every defect
/// with its location.
package enum ContractLoader {
    /// Whether a reason for leaving a clause out reads as a sentence: four words or more.
    static func isSentence(_ text: String) -> Bool {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter { $0.contains(where: \.isLetter) }.count >= 4
    }

    static let topKeys = ["contract", "parameters", "clauses"]

    /// Reads and validates a contract file.
    ///
    /// - Parameters:
    ///   - path: The contract file.
    ///   - library: The loaded library.
    ///   - limits: Read bounds.
    /// - Returns: The contract (when it could be resolved) and the findings.
    /// - Throws: `InputError` when the file cannot be read or is not YAML.
    package static func load(_ path: String, library: Library, limits: ReadLimits = .standard) throws(InputError) -> (Contract?, [Finding])
    {
        let bytes = try FileInput.read(path, limits: limits)
        guard let root = try YAMLReader.parse(bytes, file: path, limits: limits) else {
            throw InputError("empty-file", "the contract file is empty", at: .start(of: path))
        }
        return resolve(root, file: path, library: library)
    }

    /// Resolves a parsed contract specification.
    ///
    /// - Parameters:
    ///   - root: The document's root node.
    ///   - file: Its file name.
    ///   - library: The loaded library.
    /// - Returns: The contract, when no error prevents building it, and all findings.
    package static func resolve(_ root: YAMLNode, file: String, library: Library, cache: ContractCache? = nil) -> (Contract?, [Finding]) {
        let collector = FindingCollector()
        guard let top = MapReader(root, what: "the contract file", collector: collector) else { return (nil, collector.findings) }
        guard let head = top.required("contract").flatMap({ MapReader($0, what: "'contract'", collector: collector) }) else {
            top.abandon()
            return (nil, collector.findings)
        }
        func text(_ key: String) -> String? { head.required(key).flatMap { Scalar.nonEmptyText($0, "'\(key)'", collector) } }
        let reference = text("reference")
        let title = text("title")
        let commissioner = text("commissioner")
        let supplier = text("supplier")

        // Service and tier.
        var service: Service?
        if let node = head.required("service"), let id = Scalar.nonEmptyText(node, "'service'", collector) {
            service = library.service(id)
            if service == nil {
                collector.error(
                    "unknown-service",
                    "unknown service '\(id.clipped)' (the catalogue is in the library's library.yaml)\(Nearest.hint(for: id, in: library.services.map(\.id)))",
                    at: node.location)
            }
        }
        var tier = service?.tier.value
        if let node = head.optional("tier"), let id = Scalar.nonEmptyText(node, "'tier'", collector) {
            if library.tier(id) == nil {
                collector.error(
                    "unknown-tier", "unknown tier '\(id.clipped)'\(Nearest.hint(for: id, in: library.tiers.map(\.id)))", at: node.location)
            } else if let service, let catalogue = library.rank(ofTier: service.tier.value), let chosen = library.rank(ofTier: id),
                chosen < catalogue
            {
                collector.error(
                    "tier-below-catalogue",
                    "tier '\(id)' is below the catalogue tier '\(service.tier.value)' for service '\(service.id)'; a contract may raise its tier, never lower it",
                    at: node.location)
            } else {
                tier = id
            }
        }

        // Term and reporting.
        let startNode = head.required("start")
        let start = startNode.flatMap { Scalar.date($0, "'start'", collector) }
        let endNode = head.required("end")
        let end = endNode.flatMap { Scalar.date($0, "'end'", collector) }
        if let start, let end, let endNode, end < start {
            collector.error("end-before-start", "the contract ends (\(end)) before it starts (\(start))", at: endNode.location)
        }
        var reporting = ReportingFrequency.quarterly
        if let node = head.optional("reporting"), let value = Scalar.nonEmptyText(node, "'reporting'", collector) {
            if let known = ReportingFrequency(rawValue: value) {
                reporting = known
            } else {
                collector.error(
                    "wrong-type",
                    "reporting must be one of \(ReportingFrequency.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value.clipped)'\(Nearest.hint(for: value, in: ReportingFrequency.allCases.map(\.rawValue)))",
                    at: node.location)
            }
        }
        var dueDays = 30
        if let node = head.optional("return_due_days"), let value = Scalar.int(node, "'return_due_days'", collector) {
            if (0...365).contains(value) {
                dueDays = value
            } else {
                collector.error("out-of-range", "return_due_days must be from 0 to 365, not \(value)", at: node.location)
            }
        }

        // Library identity.
        var libraryID = library.id
        var libraryVersion = library.version
        if let node = head.required("library"), let map = MapReader(node, what: "'library'", collector: collector) {
            if let idNode = map.required("id"), let id = Scalar.nonEmptyText(idNode, "the library id", collector) {
                libraryID = id
                if id != library.id {
                    collector.error(
                        "library-mismatch", "the contract was drafted against library '\(id.clipped)', but the library is '\(library.id)'",
                        at: idNode.location)
                }
            }
            if let versionNode = map.required("version"), let version = Scalar.nonEmptyText(versionNode, "the library version", collector) {
                libraryVersion = version
                if version != library.version {
                    collector.error(
                        "library-mismatch",
                        "the contract was drafted against library version \(version.clipped), but the library is version \(library.version)",
                        at: versionNode.location)
                }
            }
            map.finish()
        }

        head.finish()

        // Clauses: the tier's, plus added, less omitted. Without a known tier there is nothing to
        // resolve them against, and every later check would only repeat the first error.
        guard let tier else {
            top.abandon()
            return (nil, collector.findings)
        }
        var ids = cache?.tierClauses(tier) ?? Set(library.clauses(inTier: tier).map(\.id))
        cache?.remember(ids, forTier: tier)
        var added: [String] = []
        var addedAt: [String: SourceLocation] = [:]
        var omitted: [(id: String, reason: String, location: SourceLocation)] = []
        if let node = top.optional("clauses"), let map = MapReader(node, what: "'clauses'", collector: collector) {
            let known = library.clauses.map(\.id)
            if let list = map.optional("add").flatMap({ Scalar.textList($0, "'add'", collector) }) {
                for item in list {
                    if library.clause(item.value) == nil {
                        collector.error(
                            "unknown-clause", "no clause '\(item.value.clipped)' in the library\(Nearest.hint(for: item.value, in: known))",
                            at: item.location)
                    } else if let clause = library.clause(item.value), clause.notAt.contains(where: { $0.value == tier }) {
                        collector.error(
                            "clause-not-at-tier", "\(item.value) is not held at the \(tier) tier: \(clause.notAtReason.lowercasedFirst)",
                            at: item.location)
                    } else if ids.contains(item.value) {
                        collector.add(
                            Finding(.warning, "clause-already-included", "\(item.value) is already in the \(tier) tier", at: item.location))
                    } else {
                        ids.insert(item.value)
                        added.append(item.value)
                        addedAt[item.value] = item.location
                    }
                }
            }
            if let omitNode = map.optional("omit"), let omits = MapReader(omitNode, what: "'omit'", collector: collector) {
                for pair in omits.entries {
                    _ = omits.optional(pair.key)
                    let reason = Scalar.text(pair.value, "the reason for leaving out \(pair.key)", collector)?.trimmed ?? ""
                    if library.clause(pair.key) == nil {
                        collector.error(
                            "unknown-clause", "no clause '\(pair.key.clipped)' in the library\(Nearest.hint(for: pair.key, in: known))",
                            at: pair.keyLocation)
                    } else if !ids.contains(pair.key) {
                        collector.error(
                            "omit-not-included", "\(pair.key) is not in this contract's tier, so it cannot be left out",
                            at: pair.keyLocation)
                    } else if library.clause(pair.key)?.omittable == false {
                        collector.error(
                            "omit-core-clause", "\(pair.key) is a core clause that every contract holds; it cannot be left out",
                            at: pair.keyLocation)
                    } else if reason.isEmpty {
                        collector.error(
                            "omit-without-reason", "leaving out \(pair.key) needs a written reason, which the schedule records",
                            at: pair.keyLocation)
                    } else if !Self.isSentence(reason) {
                        collector.error(
                            "omit-reason-too-short",
                            "the reason for leaving out \(pair.key) must be a sentence a reader of the schedule can weigh (at least four words), not '\(reason.clipped)'",
                            at: pair.value.location)
                    } else {
                        ids.remove(pair.key)
                        omitted.append((pair.key, reason, pair.keyLocation))
                    }
                }
            }
            map.finish()
        }
        // What the clauses in force are, what they refer to and what they declare: the same for
        // every contract of the same tier, additions and omissions, so a cache keeps it.
        let selection = ([tier] + added + ["|"] + omitted.map(\.id).sorted()).joined(separator: ",")
        let resolution =
            cache?.resolution(selection)
            ?? ContractCache.Resolution(inForce: library.scheduleOrder(library.clauses.filter { ids.contains($0.id) }))
        cache?.remember(resolution, for: selection)
        let inForce = resolution.inForce

        // A clause in force must not refer to one left out.
        for reference in resolution.references {
            let (source, target, location) = (reference.from, reference.target, reference.at)
            if let gone = omitted.first(where: { $0.id == target }) {
                collector.error(
                    "omitted-clause-referenced",
                    "\(target) is left out, but \(source) refers to it; leave out \(source) too or keep \(target)",
                    at: gone.location, notes: [Note("\(source) refers to \(target) here", at: location)])
            } else if !ids.contains(target) {
                collector.error(
                    "referenced-clause-missing",
                    "\(source) refers to \(target), which this contract does not hold; add \(target) too, or do not add \(source)",
                    at: addedAt[source] ?? head.keyLocation("service"),
                    notes: [Note("\(source) refers to \(target) here", at: location)])
            }
        }

        // Parameters: defaults of the clauses in force, then the contract's values.
        var parameters = resolution.defaults
        let declared = resolution.declared
        var setParameters: Set<String> = []
        if let node = top.optional("parameters"), let map = MapReader(node, what: "'parameters'", collector: collector) {
            for pair in map.entries {
                _ = map.optional(pair.key)
                guard let (_, parameter) = declared[pair.key] else {
                    if let (owner, _) = library.parameter(pair.key) {
                        collector.error(
                            "parameter-not-in-contract",
                            "parameter '\(pair.key)' belongs to \(owner.id), which this contract does not hold", at: pair.keyLocation)
                    } else {
                        collector.error(
                            "unknown-parameter",
                            "unknown parameter '\(pair.key.clipped)'\(Nearest.hint(for: pair.key, in: declared.keys.sorted()))",
                            at: pair.keyLocation)
                    }
                    continue
                }
                let value: ParameterValue?
                switch parameter.kind {
                case .int: value = Scalar.int(pair.value, "parameter '\(pair.key)'", collector).map(ParameterValue.int)
                case .text: value = Scalar.nonEmptyText(pair.value, "parameter '\(pair.key)'", collector).map(ParameterValue.text)
                }
                guard let value else { continue }
                if parameter.allows(value) {
                    parameters[pair.key] = value
                    setParameters.insert(pair.key)
                } else {
                    collector.error(
                        "parameter-out-of-range",
                        "\(pair.key) is \(value), outside its allowed range (\(parameter.allowedDescription))", at: pair.value.location)
                }
            }
        }

        top.finish()
        guard !collector.hasErrors, let reference, let title, let commissioner, let supplier, let service, let start, let end
        else { return (nil, collector.findings) }

        // Each clause as this contract holds it (the paragraphs and requirements whose `when:`
        // conditions its parameter values meet), numbered: the same for every contract of the
        // same selection and values.
        var rulesKey = selection
        for name in setParameters.sorted() { rulesKey += "|\(name)=\(parameters[name]!)" }
        let held = cache?.held(rulesKey) ?? ContractCache.Held(inForce: inForce, parameters: parameters, library: library)
        cache?.remember(held, for: rulesKey)
        let (clauses, sections, numbers) = (held.clauses, held.sections, held.numbers)

        let contract = Contract(
            file: file, reference: reference, title: title, commissioner: commissioner, supplier: supplier, service: service,
            tier: tier, start: start, end: end, reporting: reporting, returnDueDays: dueDays, libraryID: libraryID,
            libraryVersion: libraryVersion, parameters: parameters, setParameters: setParameters, clauses: clauses,
            numbers: numbers, sections: sections, added: added,
            omitted: omitted.map { item in
                OmittedClause(id: item.id, title: library.clause(item.id)?.title ?? item.id, reason: item.reason)
            }.sorted { $0.id < $1.id },
            periods: periods(start: start, end: end, months: reporting.months, dueDays: dueDays))
        var resolved = contract
        resolved.rulesKey = rulesKey
        return (resolved, collector.findings)
    }

    /// Reporting periods from the start: each `months` long, the last cut at the end.
    static func periods(start: CivilDate, end: CivilDate, months: Int, dueDays: Int) -> [ReportingPeriod] {
        var result: [ReportingPeriod] = []
        var from = start
        var index = 1
        while from <= end && index <= 1200 {
            let next = start.adding(months: months * index)
            let to = min(next.adding(days: -1), end)
            result.append(ReportingPeriod(number: index, start: from, end: to, due: to.adding(days: dueDays)))
            from = next
            index += 1
        }
        return result
    }
}

/// What contracts of one library share, worked out once: the clauses in force for a tier with
/// its additions and omissions, and those clauses as held with a set of parameter values and
/// numbered. A quarter's portfolio is hundreds of contracts for a few kinds of service, and
/// resolving each from scratch cost far more than reading its file. Safe from several threads.
package final class ContractCache: @unchecked Sendable {
    /// The clauses in force for one selection, the references among them, and the parameters
    /// they declare with their defaults.
    struct Resolution {
        let inForce: [Clause]
        let references: [(from: String, target: String, at: SourceLocation)]
        let declared: [String: (Clause, Parameter)]
        let defaults: [String: ParameterValue]

        init(inForce: [Clause]) {
            self.inForce = inForce
            var references: [(from: String, target: String, at: SourceLocation)] = []
            var declared: [String: (Clause, Parameter)] = [:]
            var defaults: [String: ParameterValue] = [:]
            for clause in inForce {
                for paragraph in clause.text {
                    for case .reference(let target) in paragraph.segments { references.append((clause.id, target, paragraph.location)) }
                }
                for parameter in clause.parameters {
                    declared[parameter.name] = (clause, parameter)
                    if let value = parameter.defaultValue { defaults[parameter.name] = value }
                }
            }
            self.references = references
            self.declared = declared
            self.defaults = defaults
        }
    }

    /// The clauses as held with one set of values, in sections, with their numbers.
    struct Held {
        let clauses: [Clause]
        let sections: [(number: Int, area: Area, clauses: [Clause])]
        let numbers: [String: String]

        init(inForce: [Clause], parameters: [String: ParameterValue], library: Library) {
            clauses = inForce.map { $0.held(with: parameters) }
            // Numbering: consecutive clauses of one area form a section.
            var sections: [(number: Int, area: Area, clauses: [Clause])] = []
            var numbers: [String: String] = [:]
            for clause in clauses {
                let area =
                    library.areas.first { $0.id == clause.area } ?? Area(id: clause.area, title: clause.area, location: clause.location)
                if sections.last?.area.id != area.id {
                    sections.append((sections.count + 1, area, []))
                }
                sections[sections.count - 1].clauses.append(clause)
                numbers[clause.id] = "\(sections.count).\(sections[sections.count - 1].clauses.count)"
            }
            self.sections = sections
            self.numbers = numbers
        }
    }

    private var tiers: [String: Set<String>] = [:]
    private var resolutions: [String: Resolution] = [:]
    private var helds: [String: Held] = [:]
    private let lock = NSLock()

    /// An empty cache.
    package init() {}

    func tierClauses(_ tier: String) -> Set<String>? {
        lock.lock()
        defer { lock.unlock() }
        return tiers[tier]
    }

    func remember(_ ids: Set<String>, forTier tier: String) {
        lock.lock()
        defer { lock.unlock() }
        if tiers[tier] == nil { tiers[tier] = ids }
    }

    func resolution(_ key: String) -> Resolution? {
        lock.lock()
        defer { lock.unlock() }
        return resolutions[key]
    }

    func remember(_ resolution: Resolution, for key: String) {
        lock.lock()
        defer { lock.unlock() }
        if resolutions[key] == nil { resolutions[key] = resolution }
    }

    func held(_ key: String) -> Held? {
        lock.lock()
        defer { lock.unlock() }
        return helds[key]
    }

    func remember(_ held: Held, for key: String) {
        lock.lock()
        defer { lock.unlock() }
        if helds[key] == nil { helds[key] = held }
    }
}
