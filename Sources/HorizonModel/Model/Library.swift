/// The kinds of supplier document.
package enum DocumentKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A periodic return of counts and facts.
    case `return`
    /// A tender bid of commitments.
    case bid

    package static func < (lhs: DocumentKind, rhs: DocumentKind) -> Bool { lhs.rawValue > rhs.rawValue }
}

/// The type a field's value must have.
package enum FieldType: String, Sendable, Hashable, CaseIterable {
    case bool, count, percent, date, text, path, hex
}

/// A tier of duties; tiers are cumulative through `includes`.
package struct Tier: Sendable, Hashable {
    package var id: String
    package var title: String
    package var description: String
    package var includes: Located<String>?
    package var location: SourceLocation

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(id: String, title: String, description: String, includes: Located<String>?, location: SourceLocation) {
        self.id = id
        self.title = title
        self.description = description
        self.includes = includes
        self.location = location
    }
}

/// An area: one numbered section of a generated schedule.
package struct Area: Sendable, Hashable {
    package var id: String
    package var title: String
    package var location: SourceLocation
    /// The section's title when its clauses are of a given tier (`tier_titles`): an area whose
    /// clauses sit in two tiers becomes two sections, each titled for what it holds.
    package var tierTitles: [String: String] = [:]

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(id: String, title: String, location: SourceLocation, tierTitles: [String: String] = [:]) {
        self.id = id
        self.title = title
        self.location = location
        self.tierTitles = tierTitles
    }
}

/// A service type in the catalogue, with the tier its contracts get by default.
package struct Service: Sendable, Hashable {
    package var id: String
    package var title: String
    package var tier: Located<String>
    package var location: SourceLocation

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(id: String, title: String, tier: Located<String>, location: SourceLocation) {
        self.id = id
        self.title = title
        self.tier = tier
        self.location = location
    }
}

/// A defined term.
package struct Definition: Sendable, Hashable {
    package var term: String
    package var text: String
    package var location: SourceLocation

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(term: String, text: String, location: SourceLocation) {
        self.term = term
        self.text = text
        self.location = location
    }
}

/// A field a return or bid may hold.
package struct FieldSpec: Sendable, Hashable {
    package var id: String
    package var type: FieldType
    package var documents: Set<DocumentKind>
    /// A count of people that must be suppressed before publication when small.
    package var suppress: Bool
    package var meaning: String
    package var location: SourceLocation
    /// A count whose large fall from one period to the next is a finding for review
    /// (`watch_fall`): fewer disclosures usually mean fewer people asked or safe to tell, not
    /// less abuse, so a fall is never scored as improvement.
    package var watchFall: Bool = false

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(
        id: String, type: FieldType, documents: Set<DocumentKind>, suppress: Bool, meaning: String, location: SourceLocation,
        watchFall: Bool = false
    ) {
        self.id = id
        self.type = type
        self.documents = documents
        self.suppress = suppress
        self.meaning = meaning
        self.location = location
        self.watchFall = watchFall
    }
}

/// A parameter's value: a whole number or text.
package enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case text(String)

    package var description: String {
        switch self {
        case .int(let value): String(value)
        case .text(let value): value
        }
    }

    /// The whole number, if it is one.
    package var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }
}

/// A named parameter of a clause.
package struct Parameter: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable { case int, text }
    package var name: String
    package var kind: Kind
    package var defaultValue: ParameterValue?
    package var min: Int?
    package var max: Int?
    package var values: [String]
    package var unit: String?
    package var meaning: String
    package var location: SourceLocation
    package var defaultLocation: SourceLocation
    /// Why the default is what it is, and how a commissioner might set it (`guidance:`).
    package var guidance: String? = nil
    /// The unit of one (`unit_one: day`), for `{{count:name}}` when the value is 1; without it,
    /// the unit with a final "s" taken off.
    package var unitOne: String? = nil

    /// A value with its unit, one or many: "1 day", "90 days", "2 champions".
    package func counted(_ value: ParameterValue) -> String {
        guard let unit else { return value.description }
        if value.intValue == 1 { return "1 " + (unitOne ?? (unit.hasSuffix("s") ? String(unit.dropLast()) : unit)) }
        return "\(value) \(unit)"
    }

    /// A description of the allowed values: "0 to 100", "one of a, b".
    package var allowedDescription: String {
        switch kind {
        case .int:
            switch (min, max) {
            case (let low?, let high?): return "\(low) to \(high)"
            case (let low?, nil): return "\(low) or more"
            case (nil, let high?): return "at most \(high)"
            case (nil, nil): return "any whole number"
            }
        case .text:
            return values.isEmpty ? "any text" : "one of " + values.map { "'\($0)'" }.joined(separator: ", ")
        }
    }

    /// Whether a value is allowed.
    ///
    /// - Parameter value: The value.
    /// - Returns: True when it has the right kind and lies in range.
    package func allows(_ value: ParameterValue) -> Bool {
        switch (kind, value) {
        case (.int, .int(let number)):
            return (min.map { number >= $0 } ?? true) && (max.map { number <= $0 } ?? true)
        case (.text, .text(let text)):
            return values.isEmpty || values.contains(text)
        default:
            return false
        }
    }

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(
        name: String, kind: Kind, defaultValue: ParameterValue?, min: Int?, max: Int?, values: [String], unit: String?, meaning: String,
        location: SourceLocation, defaultLocation: SourceLocation, guidance: String? = nil, unitOne: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.min = min
        self.max = max
        self.values = values
        self.unit = unit
        self.meaning = meaning
        self.location = location
        self.defaultLocation = defaultLocation
        self.guidance = guidance
        self.unitOne = unitOne
    }
}

/// A piece of clause text: plain words or markup.
package enum TextSegment: Sendable, Hashable {
    case words(String)
    /// `{{name}}`: the parameter's value alone ("80", written before "per cent").
    case parameter(String)
    /// `{{count:name}}`: the value with its unit, one or many ("1 day", "90 days").
    case counted(String)
    case term(String)
    case reference(String)

    /// The parameter the segment shows, if it shows one.
    package var parameterName: String? {
        switch self {
        case .parameter(let name), .counted(let name): name
        case .words, .term, .reference: nil
        }
    }
}

/// A paragraph of clause text, parsed into segments.
package struct Paragraph: Sendable, Hashable {
    package var segments: [TextSegment]
    package var location: SourceLocation
    /// What judges the duty the paragraph imposes; `nil` for a paragraph written as plain text.
    package var trace: Trace? = nil
    /// Text parameters and the value each must have for a contract to hold the paragraph
    /// (`when: { enquiry_mode: routine }`); empty for a paragraph every contract holds.
    package var when: [String: Located<String>] = [:]

    /// What judges a paragraph's duty: requirements of its clause, or the commissioner at a
    /// stated point (contract review) for a duty that sets no level and no return can show.
    package enum Trace: Sendable, Hashable {
        case judgedBy([Located<String>])
        case judgedAt(Located<String>, reason: String)
    }

    /// The paragraph's words with parameters, terms and references as written in the library.
    package var plainWords: String {
        segments.map { segment in
            switch segment {
            case .words(let text): text
            case .parameter(let name): "{{\(name)}}"
            case .counted(let name): "{{count:\(name)}}"
            case .term(let name): name
            case .reference(let id): id
            }
        }.joined()
    }

    /// The paragraph as a contract holds it, in plain words: parameters as the contract's values
    /// ("5 days"), references as the contract's clause numbers ("clause 1.1"). What the schedule
    /// says, without its styling; the SARIF report quotes it.
    ///
    /// - Parameters:
    ///   - clause: The paragraph's clause (for parameter units).
    ///   - parameters: The contract's parameter values.
    ///   - numbers: The contract's clause numbers.
    package func words(of clause: Clause, parameters: [String: ParameterValue], numbers: [String: String]) -> String {
        segments.map { segment in
            switch segment {
            case .words(let text): text
            case .parameter(let name): parameters[name]?.description ?? name
            case .counted(let name):
                parameters[name].map { value in clause.parameters.first { $0.name == name }?.counted(value) ?? value.description } ?? name
            case .term(let name): name
            case .reference(let id): "clause " + (numbers[id] ?? id)
            }
        }.joined()
    }

    /// Whether the paragraph imposes a duty: its words say "shall".
    package var imposesDuty: Bool {
        segments.contains { segment in
            if case .words(let text) = segment { return text.contains("shall") }
            return false
        }
    }

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(segments: [TextSegment], location: SourceLocation, trace: Trace? = nil, when: [String: Located<String>] = [:]) {
        self.segments = segments
        self.location = location
        self.trace = trace
        self.when = when
    }
}

/// A rule of a requirement.
package struct Rule: Sendable, Hashable {
    /// What the rule checks: a value of one of the types in `Model/Rules/`.
    package var kind: any RuleKind
    package var code: String
    package var severity: Severity
    package var location: SourceLocation

    /// The kind's name as written in the library.
    package var kindName: String { type(of: kind).name }

    package static func == (lhs: Rule, rhs: Rule) -> Bool {
        AnyHashable(lhs.kind) == AnyHashable(rhs.kind) && lhs.code == rhs.code && lhs.severity == rhs.severity
            && lhs.location == rhs.location
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(AnyHashable(kind))
        hasher.combine(code)
    }

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(kind: any RuleKind, code: String, severity: Severity, location: SourceLocation) {
        self.kind = kind
        self.code = code
        self.severity = severity
        self.location = location
    }
}

/// What a return or bid must show for a clause, and the rules that judge it.
package struct Requirement: Sendable, Hashable {
    package var id: String
    package var summary: String
    package var documents: Set<DocumentKind>
    package var fields: [Located<String>]
    package var rules: [Rule]
    package var location: SourceLocation
    /// What the requirement measures as a key performance indicator (`kpi:`), if it is one.
    package var kpi: Located<String>? = nil
    /// Text parameters and the value each must have for a contract to hold the requirement.
    package var when: [String: Located<String>] = [:]

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(
        id: String, summary: String, documents: Set<DocumentKind>, fields: [Located<String>], rules: [Rule], location: SourceLocation,
        kpi: Located<String>? = nil, when: [String: Located<String>] = [:]
    ) {
        self.id = id
        self.summary = summary
        self.documents = documents
        self.fields = fields
        self.rules = rules
        self.location = location
        self.kpi = kpi
        self.when = when
    }
}

/// Whether a contract's parameter values meet a `when:` condition.
package func holds(_ when: [String: Located<String>], _ parameters: [String: ParameterValue]) -> Bool {
    when.allSatisfy { name, value in parameters[name]?.description == value.value }
}

extension Clause {
    /// The clause as a contract with these parameter values holds it: the paragraphs and
    /// requirements whose `when:` conditions the values meet.
    package func held(with parameters: [String: ParameterValue]) -> Clause {
        var clause = self
        clause.text = text.filter { holds($0.when, parameters) }
        clause.requirements = requirements.filter { holds($0.when, parameters) }
        return clause
    }
}

/// A clause: the contract words and the checks of the supplier's documents.
package struct Clause: Sendable, Hashable {
    package var id: String
    package var version: String
    package var tier: Located<String>
    /// The area part of the id (`POL` in `DA-POL-1`).
    package var area: String
    /// The number part of the id (`1` in `DA-POL-1`).
    package var number: Int
    package var title: String
    package var ppn002: [String]
    package var ntfGroups: [Int]
    package var text: [Paragraph]
    package var guidance: String
    package var basis: [String]
    package var parameters: [Parameter]
    package var requirements: [Requirement]
    package var location: SourceLocation
    /// Tiers at which a contract does not hold the clause (`not_at`), with the reason: an Idva
    /// service is not told to practise targeted enquiry on its own clients.
    package var notAt: [Located<String>] = []
    package var notAtReason: String = ""
    /// False for a core clause that a contract may not leave out.
    package var omittable: Bool = true

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(
        id: String, version: String, tier: Located<String>, area: String, number: Int, title: String, ppn002: [String], ntfGroups: [Int],
        text: [Paragraph], guidance: String, basis: [String], parameters: [Parameter], requirements: [Requirement],
        location: SourceLocation, notAt: [Located<String>] = [], notAtReason: String = "", omittable: Bool = true
    ) {
        self.id = id
        self.version = version
        self.tier = tier
        self.area = area
        self.number = number
        self.title = title
        self.ppn002 = ppn002
        self.ntfGroups = ntfGroups
        self.text = text
        self.guidance = guidance
        self.basis = basis
        self.parameters = parameters
        self.requirements = requirements
        self.location = location
        self.notAt = notAt
        self.notAtReason = notAtReason
        self.omittable = omittable
    }
}

/// The clause library: identity, tiers, areas, services, terms, fields and clauses.
package struct Library: Sendable {
    package var id: String
    package var version: String
    package var title: String
    package var jurisdiction: String
    package var tiers: [Tier]
    package var areas: [Area]
    package var services: [Service]
    package var definitions: [Definition]
    package var fields: [FieldSpec]
    package var clauses: [Clause]
    /// Where the library's identity is written.
    package var location: SourceLocation

    /// The tier with this id.
    package func tier(_ id: String) -> Tier? { tiers.first { $0.id == id } }

    /// The clause with this id.
    package func clause(_ id: String) -> Clause? { clauses.first { $0.id == id } }

    /// The field with this id.
    package func field(_ id: String) -> FieldSpec? { fieldIndex[id] }

    /// The service with this id.
    package func service(_ id: String) -> Service? { services.first { $0.id == id } }

    /// The position of a tier in the chain of inclusion: 0 for a tier that includes none.
    ///
    /// - Parameter id: A tier id.
    /// - Returns: The rank, or `nil` for an unknown tier or a loop.
    package func rank(ofTier id: String) -> Int? {
        var rank = 0
        var current = tier(id)
        var seen: Set<String> = []
        while let included = current?.includes?.value {
            guard seen.insert(current!.id).inserted, let next = tier(included) else { return nil }
            rank += 1
            current = next
        }
        return current == nil ? nil : rank
    }

    /// Whether following `includes` from a tier comes back to it.
    ///
    /// - Parameter id: A tier id.
    /// - Returns: True only when the tier is itself on a loop (not when it merely leads into one).
    package func tierLoops(through id: String) -> Bool {
        var seen: Set<String> = []
        var current = tier(id)?.includes?.value
        while let next = current, seen.insert(next).inserted {
            if next == id { return true }
            current = tier(next)?.includes?.value
        }
        return false
    }

    /// The tier ids a tier includes, itself first.
    ///
    /// - Parameter id: A tier id.
    /// - Returns: The tier and every tier it includes, directly or not.
    package func tiersIncluded(by id: String) -> Set<String> {
        var result: Set<String> = []
        var current = tier(id)
        while let tier = current, result.insert(tier.id).inserted {
            current = tier.includes.flatMap { self.tier($0.value) }
        }
        return result
    }

    /// The clauses of a tier, cumulatively, in schedule order.
    ///
    /// - Parameter id: A tier id.
    /// - Returns: The clauses whose tier the given tier includes.
    package func clauses(inTier id: String) -> [Clause] {
        let included = tiersIncluded(by: id)
        return scheduleOrder(
            clauses.filter { clause in
                included.contains(clause.tier.value) && !clause.notAt.contains { $0.value == id }
            })
    }

    /// Clauses sorted by tier, then the area order the library declares, then number.
    ///
    /// - Parameter clauses: Clauses of this library.
    /// - Returns: The same clauses in schedule order.
    package func scheduleOrder(_ clauses: [Clause]) -> [Clause] {
        let areaOrder = Dictionary(areas.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var ranks: [String: Int] = [:]
        for tier in tiers { ranks[tier.id] = rank(ofTier: tier.id) ?? .max }
        // Each clause's sort key worked out once, not at every comparison.
        let keyed = clauses.map { clause in
            ((ranks[clause.tier.value] ?? .max, areaOrder[clause.area] ?? .max, clause.number, clause.id), clause)
        }
        return keyed.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The parameter with this name, and the clause that declares it.
    package func parameter(_ name: String) -> (Clause, Parameter)? {
        for clause in clauses {
            if let parameter = clause.parameters.first(where: { $0.name == name }) { return (clause, parameter) }
        }
        return nil
    }

    package var fieldIndex: [String: FieldSpec] = [:]
    /// The library's field ids and the headers', numbered: documents read for this library's
    /// contracts are filed by it.
    package var fieldTable: FieldTable = .headerOnly
    /// Given names that, in a role field, show a person named rather than a role
    /// (`given-names.yaml`; empty when the library has none).
    package var personNames: PersonNames = .none
    /// Whether definitions.yaml and fields.yaml could be read: when one could not, the checks
    /// that depend on it are skipped rather than reporting every use as undefined.
    package var definitionsRead = true
    package var fieldsRead = true

    /// Creates the value from each of its parts (the memberwise initialiser, for the readers).
    package init(
        id: String, version: String, title: String, jurisdiction: String, tiers: [Tier], areas: [Area], services: [Service],
        definitions: [Definition], fields: [FieldSpec], clauses: [Clause], location: SourceLocation, fieldIndex: [String: FieldSpec] = [:],
        fieldTable: FieldTable = .headerOnly, personNames: PersonNames = .none
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.jurisdiction = jurisdiction
        self.tiers = tiers
        self.areas = areas
        self.services = services
        self.definitions = definitions
        self.fields = fields
        self.clauses = clauses
        self.location = location
        self.fieldIndex = fieldIndex
        self.fieldTable = fieldTable
        self.personNames = personNames
    }
}
