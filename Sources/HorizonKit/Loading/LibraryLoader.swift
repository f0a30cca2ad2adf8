import Foundation
package import HorizonModel

/// The outcome of loading a clause library: the model where it could be built, the defects
/// found while reading, and the files that could not be read at all.
package struct LibraryLoad: Sendable {
    /// The library, when its identity file could be read.
    package var library: Library?
    /// Defects found while reading the files into the model.
    package var findings: [Finding]
    /// Files that could not be read or parsed (exit status 2).
    package var inputErrors: [InputError]
    /// Every file read, with its SHA-256, in the order read.
    package var files: [(path: String, sha256: String)] = []
}

/// Loads a clause library folder: `library.yaml`, `definitions.yaml`, `fields.yaml` and every
/// `.yaml` file under `clauses/`.
package enum LibraryLoader {
    /// Loads and reads the library, gathering every problem.
    ///
    /// - Parameters:
    ///   - directory: The library folder.
    ///   - limits: Bounds for each file.
    /// - Returns: The library and all problems found while reading it (not yet linted).
    package static func load(from directory: String, limits: ReadLimits = .standard) -> LibraryLoad {
        let collector = FindingCollector()
        var inputErrors: [InputError] = []
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory

        if !FileInput.isDirectory(base) {
            let error = InputError(
                "no-library",
                "Horizon cannot find its clause library (the 'ClauseLibrary' folder that comes with Horizon) here: run the command from the folder that holds it, or add '--library' and that folder's path",
                at: .start(of: base))
            return LibraryLoad(library: nil, findings: [], inputErrors: [error])
        }

        var files: [(path: String, sha256: String)] = []
        func parse(_ path: String) -> YAMLNode? {
            do {
                let bytes = try FileInput.read(path, limits: limits)
                files.append((path, Digest.sha256(bytes)))
                guard let root = try YAMLReader.parse(bytes, file: path, limits: limits) else {
                    collector.error("empty-file", "the file is empty", at: .start(of: path))
                    return nil
                }
                return root
            } catch {
                inputErrors.append(error)
                return nil
            }
        }

        var reader = LibraryReader(collector: collector)
        guard let root = parse(base + "/library.yaml") else {
            return LibraryLoad(library: nil, findings: collector.findings, inputErrors: inputErrors)
        }
        guard var library = reader.readIdentity(root) else {
            return LibraryLoad(library: nil, findings: collector.findings, inputErrors: inputErrors)
        }
        if let node = parse(base + "/definitions.yaml") {
            library.definitions = reader.readDefinitions(node)
        } else {
            library.definitionsRead = false
        }
        if let node = parse(base + "/fields.yaml") {
            library.fields = reader.readFields(node)
        } else {
            library.fieldsRead = false
        }
        // Numbered before the clauses are read, so that each rule's fields carry their slots.
        library.fieldTable = FieldTable(ids: library.fields.map(\.id))
        reader.table = library.fieldTable
        for path in FileInput.yamlFiles(under: base + "/clauses") {
            if let node = parse(path), let clause = reader.readClause(node) {
                library.clauses.append(clause)
            }
        }
        // Optional: a library without it screens role fields for no names.
        if FileInput.exists(base + "/given-names.yaml"), let node = parse(base + "/given-names.yaml") {
            library.personNames = reader.readNames(node)
        }
        library.fieldIndex = Dictionary(library.fields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return LibraryLoad(library: library, findings: collector.findings, inputErrors: inputErrors, files: files)
    }
}

/// Turns library YAML nodes into the model, reporting every structural problem.
struct LibraryReader {
    let collector: FindingCollector
    /// The library's field table, once `fields.yaml` is read: rules' fields are filed by it.
    var table: FieldTable = .headerOnly

    func readIdentity(_ root: YAMLNode) -> Library? {
        guard let top = MapReader(root, what: "library.yaml", collector: collector) else { return nil }
        var library = Library(
            id: "", version: "", title: "", jurisdiction: "", tiers: [], areas: [], services: [], definitions: [],
            fields: [], clauses: [], location: root.location)
        if let node = top.required("library"), let map = MapReader(node, what: "'library'", collector: collector) {
            library.location = top.keyLocation("library")
            library.id = map.required("id").flatMap { Scalar.nonEmptyText($0, "the library id", collector) } ?? ""
            if let versionNode = map.required("version"), let version = Scalar.nonEmptyText(versionNode, "the library version", collector) {
                library.version = version
                if !Lexical.isSemanticVersion(version) {
                    collector.error(
                        "bad-version", "the library version '\(version.clipped)' is not MAJOR.MINOR.PATCH", at: versionNode.location)
                }
            }
            library.title = map.required("title").flatMap { Scalar.nonEmptyText($0, "the library title", collector) } ?? ""
            library.jurisdiction = map.optional("jurisdiction").flatMap { Scalar.nonEmptyText($0, "the jurisdiction", collector) } ?? ""
            map.finish()
        }
        if let node = top.required("tiers"), let items = Scalar.items(node, "'tiers'", collector) {
            library.tiers = items.compactMap(readTier)
        }
        if let node = top.required("areas"), let items = Scalar.items(node, "'areas'", collector) {
            library.areas = items.compactMap { item in
                guard let map = MapReader(item, what: "an area", collector: collector) else { return nil }
                defer { map.finish() }
                guard let id = map.required("id").flatMap({ Scalar.nonEmptyText($0, "an area id", collector) }) else {
                    map.abandon()
                    return nil
                }
                let title = map.required("title").flatMap { Scalar.nonEmptyText($0, "an area title", collector) } ?? id
                var area = Area(id: id, title: title, location: map.keyLocation("id"))
                if let node = map.optional("tier_titles"), let titles = MapReader(node, what: "'tier_titles'", collector: collector) {
                    for pair in titles.entries {
                        _ = titles.optional(pair.key)
                        if let text = Scalar.nonEmptyText(pair.value, "a tier title", collector) { area.tierTitles[pair.key] = text }
                    }
                    titles.finish()
                }
                return area
            }
        }
        if let node = top.required("services"), let items = Scalar.items(node, "'services'", collector) {
            library.services = items.compactMap { item in
                guard let map = MapReader(item, what: "a service", collector: collector) else { return nil }
                defer { map.finish() }
                guard let id = map.required("id").flatMap({ Scalar.nonEmptyText($0, "a service id", collector) }),
                    let tierNode = map.required("tier"),
                    let tier = Scalar.nonEmptyText(tierNode, "a service tier", collector)
                else {
                    map.abandon()
                    return nil
                }
                let title = map.required("title").flatMap { Scalar.nonEmptyText($0, "a service title", collector) } ?? id
                return Service(id: id, title: title, tier: Located(tier, at: tierNode.location), location: map.keyLocation("id"))
            }
        }
        top.finish()
        return library
    }

    func readTier(_ item: YAMLNode) -> Tier? {
        guard let map = MapReader(item, what: "a tier", collector: collector) else { return nil }
        defer { map.finish() }
        guard let id = map.required("id").flatMap({ Scalar.nonEmptyText($0, "a tier id", collector) }) else {
            map.abandon()
            return nil
        }
        let title = map.required("title").flatMap { Scalar.nonEmptyText($0, "a tier title", collector) } ?? id
        let description = map.required("description").flatMap { Scalar.nonEmptyText($0, "a tier description", collector) } ?? ""
        let includes = map.optional("includes").flatMap { node in
            Scalar.nonEmptyText(node, "'includes'", collector).map { Located($0, at: node.location) }
        }
        return Tier(id: id, title: title, description: description, includes: includes, location: map.keyLocation("id"))
    }

    func readDefinitions(_ root: YAMLNode) -> [Definition] {
        guard let top = MapReader(root, what: "definitions.yaml", collector: collector) else { return [] }
        defer { top.finish() }
        guard let node = top.required("definitions"), let items = Scalar.items(node, "'definitions'", collector) else { return [] }
        return items.compactMap { item in
            guard let map = MapReader(item, what: "a definition", collector: collector) else { return nil }
            defer { map.finish() }
            guard let term = map.required("term").flatMap({ Scalar.nonEmptyText($0, "a term", collector) }),
                let text = map.required("text").flatMap({ Scalar.nonEmptyText($0, "a definition's text", collector) })
            else {
                map.abandon()
                return nil
            }
            return Definition(term: term, text: text, location: map.keyLocation("term"))
        }
    }

    func readFields(_ root: YAMLNode) -> [FieldSpec] {
        guard let top = MapReader(root, what: "fields.yaml", collector: collector) else { return [] }
        defer { top.finish() }
        guard let node = top.required("fields"), let items = Scalar.items(node, "'fields'", collector) else { return [] }
        return items.compactMap { item in
            guard let map = MapReader(item, what: "a field", collector: collector) else { return nil }
            defer { map.finish() }
            guard let idNode = map.required("id"), let id = Scalar.nonEmptyText(idNode, "a field id", collector) else {
                map.abandon()
                return nil
            }
            if !FieldID.isValid(id) {
                collector.error(
                    "bad-id", "field id '\(id.clipped)' is not lowercase words joined by dots, such as 'training.trained'",
                    at: idNode.location)
            }
            var type = FieldType.text
            if let node = map.required("type"), let text = Scalar.nonEmptyText(node, "a field type", collector) {
                if let known = FieldType(rawValue: text) {
                    type = known
                } else {
                    collector.error(
                        "unknown-type",
                        "unknown field type '\(text.clipped)'\(Nearest.hint(for: text, in: FieldType.allCases.map(\.rawValue)))",
                        at: node.location)
                }
            }
            let documents = map.required("documents").map { readDocuments($0) } ?? []
            let suppress = map.optional("suppress").flatMap { Scalar.bool($0, "'suppress'", collector) } ?? false
            let meaning = map.required("meaning").flatMap { Scalar.nonEmptyText($0, "a field's meaning", collector) } ?? ""
            var spec = FieldSpec(
                id: id, type: type, documents: documents, suppress: suppress, meaning: meaning, location: map.keyLocation("id"))
            spec.watchFall = map.optional("watch_fall").flatMap { Scalar.bool($0, "'watch_fall'", collector) } ?? false
            return spec
        }
    }

    func readDocuments(_ node: YAMLNode) -> Set<DocumentKind> {
        guard let list = Scalar.textList(node, "'documents'", collector) else { return [] }
        var result: Set<DocumentKind> = []
        for item in list {
            if let kind = DocumentKind(rawValue: item.value) {
                result.insert(kind)
            } else {
                collector.error(
                    "unknown-document-kind", "unknown document kind '\(item.value.clipped)'; use 'return' or 'bid'", at: item.location)
            }
        }
        return result
    }

    // MARK: - Clauses

    func readClause(_ root: YAMLNode) -> Clause? {
        guard let top = MapReader(root, what: "a clause file", collector: collector) else { return nil }
        defer { top.finish() }
        guard let node = top.required("clause"), let map = MapReader(node, what: "'clause'", collector: collector) else {
            top.abandon()
            return nil
        }
        defer { map.finish() }
        guard let idNode = map.required("id"), let id = Scalar.nonEmptyText(idNode, "the clause id", collector) else {
            map.abandon()
            return nil
        }
        let where_ = idNode.location
        let (area, number) = ClauseID.parse(id) ?? ("", 0)
        if ClauseID.parse(id) == nil {
            collector.error("bad-id", "clause id '\(id.clipped)' is not of the form DA-<AREA>-<n>, such as 'DA-POL-1'", at: where_)
        }
        var version = "1.0.0"
        if let node = map.required("version"), let text = Scalar.nonEmptyText(node, "the clause version", collector) {
            version = text
            if !Lexical.isSemanticVersion(text) {
                collector.error("bad-version", "clause version '\(text.clipped)' is not MAJOR.MINOR.PATCH", at: node.location)
            }
        }
        let tierNode = map.required("tier")
        let tier =
            tierNode.flatMap { Scalar.nonEmptyText($0, "the clause tier", collector) }.map { Located($0, at: tierNode!.location) }
            ?? Located("", at: where_)
        let title = map.required("title").flatMap { Scalar.nonEmptyText($0, "the clause title", collector) } ?? id
        var ppn002: [String] = []
        var ntf: [Int] = []
        if let node = map.optional("tags"), let tags = MapReader(node, what: "'tags'", collector: collector) {
            ppn002 = tags.optional("ppn002").flatMap { Scalar.textList($0, "'ppn002'", collector) }?.map(\.value) ?? []
            if let groups = tags.optional("ntf_groups").flatMap({ Scalar.items($0, "'ntf_groups'", collector) }) {
                ntf = groups.compactMap { Scalar.int($0, "an NTF group", collector) }
            }
            tags.finish()
        }
        var paragraphs: [Paragraph] = []
        if let node = map.optional("text") {
            if let items = Scalar.items(node, "the clause text", collector) {
                paragraphs = items.compactMap(readParagraph)
            }
        }
        if paragraphs.isEmpty {
            collector.error("no-text", "clause \(id) has no contract text", at: map.keyLocation("text"))
        }
        let guidance = map.optional("guidance").flatMap { Scalar.text($0, "the guidance", collector) }?.trimmed ?? ""
        if guidance.isEmpty {
            collector.error("no-guidance", "clause \(id) has no commissioner guidance", at: map.keyLocation("guidance"))
        }
        let basis = map.optional("basis").flatMap { Scalar.textList($0, "the legal basis", collector) }?.map(\.value) ?? []
        if basis.isEmpty {
            collector.error("no-basis", "clause \(id) cites no legislation or guidance as its basis", at: map.keyLocation("basis"))
        }
        var parameters: [Parameter] = []
        if let node = map.optional("parameters"), let params = MapReader(node, what: "'parameters'", collector: collector) {
            for pair in params.entries {
                _ = params.optional(pair.key)
                if let parameter = readParameter(pair) { parameters.append(parameter) }
            }
        }
        var requirements: [Requirement] = []
        if let node = map.optional("requirements"), let items = Scalar.items(node, "'requirements'", collector) {
            requirements = items.compactMap(readRequirement)
        }
        var clause = Clause(
            id: id, version: version, tier: tier, area: area, number: number, title: title, ppn002: ppn002, ntfGroups: ntf,
            text: paragraphs, guidance: guidance, basis: basis, parameters: parameters, requirements: requirements,
            location: where_)
        if let node = map.optional("not_at") {
            clause.notAt = Scalar.textList(node, "'not_at'", collector) ?? []
        }
        // Lint reports a not_at without it (no-reason), once.
        clause.notAtReason = map.optional("not_at_reason").flatMap { Scalar.text($0, "'not_at_reason'", collector) }?.trimmed ?? ""
        if let node = map.optional("omittable") {
            clause.omittable = Scalar.bool(node, "'omittable'", collector) ?? true
        }
        return clause
    }

    /// `given-names.yaml`: its source, licence and count, the names, and those that are also
    /// words or places.
    func readNames(_ root: YAMLNode) -> PersonNames {
        guard let map = MapReader(root, what: "given-names.yaml", collector: collector) else { return .none }
        defer { map.finish() }
        _ = map.required("source").flatMap { Scalar.nonEmptyText($0, "the source of the names", collector) }
        _ = map.required("licence").flatMap { Scalar.nonEmptyText($0, "the licence of the names", collector) }
        let count = map.required("count").flatMap { Scalar.int($0, "the count of names", collector) }
        let names = map.required("names").flatMap { Scalar.textList($0, "'names'", collector) } ?? []
        let ambiguous = map.optional("ambiguous").flatMap { Scalar.textList($0, "'ambiguous'", collector) } ?? []
        if let count, count != names.count {
            collector.error("wrong-count", "'count' is \(count) but the list holds \(names.count) names", at: map.keyLocation("count"))
        }
        let set = Set(names.map(\.value))
        for name in ambiguous where !set.contains(name.value) {
            collector.error("unknown-name", "'\(name.value.clipped)' is listed as ambiguous but is not among the names", at: name.location)
        }
        return PersonNames(names: set, ambiguous: Set(ambiguous.map(\.value)))
    }

    /// A `when:` condition: text parameters of the clause and the value each must have.
    func readWhen(_ map: MapReader) -> [String: Located<String>] {
        guard let node = map.optional("when"), let conditions = MapReader(node, what: "'when'", collector: collector) else { return [:] }
        defer { conditions.finish() }
        var when: [String: Located<String>] = [:]
        for pair in conditions.entries {
            _ = conditions.optional(pair.key)
            if let value = Scalar.nonEmptyText(pair.value, "a condition's value", collector) {
                when[pair.key] = Located(value, at: pair.value.location)
            }
        }
        return when
    }

    /// A paragraph of clause text: plain text, or a map of its `words` and what judges them
    /// (`judged_by` requirement ids, or `judged_at` with a `reason`).
    func readParagraph(_ item: YAMLNode) -> Paragraph? {
        guard case .mapping = item.content else {
            return Scalar.nonEmptyText(item, "a paragraph of clause text", collector).map {
                Paragraph(segments: Markup.parse($0, at: item.location, collector: collector), location: item.location)
            }
        }
        guard let map = MapReader(item, what: "a paragraph of clause text", collector: collector) else { return nil }
        defer { map.finish() }
        guard let wordsNode = map.required("words"), let words = Scalar.nonEmptyText(wordsNode, "a paragraph's words", collector) else {
            map.abandon()
            return nil
        }
        var paragraph = Paragraph(segments: Markup.parse(words, at: wordsNode.location, collector: collector), location: wordsNode.location)
        paragraph.when = readWhen(map)
        let byNode = map.optional("judged_by")
        let atNode = map.optional("judged_at")
        let reasonNode = map.optional("reason")
        if let byNode, let atNode {
            collector.error(
                "conflicting-trace",
                "a paragraph is judged either by requirements ('judged_by') or at a stated point ('judged_at'), not both",
                at: atNode.location, notes: [Note("'judged_by' is here", at: byNode.location)])
        }
        if let byNode, let ids = Scalar.textList(byNode, "'judged_by'", collector) {
            if ids.isEmpty { collector.error("empty-trace", "'judged_by' names no requirement", at: byNode.location) }
            paragraph.trace = .judgedBy(ids)
        } else if let atNode, let point = Scalar.nonEmptyText(atNode, "'judged_at'", collector) {
            if reasonNode == nil {
                collector.error(
                    "missing-key", "a paragraph judged at '\(point.clipped)' needs a 'reason': why no return or bid can show it",
                    at: atNode.location)
            }
            let reason = reasonNode.flatMap { Scalar.text($0, "the reason", collector) }?.trimmed ?? ""
            paragraph.trace = .judgedAt(Located(point, at: atNode.location), reason: reason)
        }
        return paragraph
    }

    func readParameter(_ pair: YAMLPair) -> Parameter? {
        let what = "parameter '\(pair.key)'"
        guard let map = MapReader(pair.value, what: what, collector: collector) else { return nil }
        defer { map.finish() }
        var kind = Parameter.Kind.int
        if let node = map.required("type"), let text = Scalar.nonEmptyText(node, "a parameter type", collector) {
            if let known = Parameter.Kind(rawValue: text) {
                kind = known
            } else {
                collector.error("unknown-type", "unknown parameter type '\(text.clipped)'; use 'int' or 'text'", at: node.location)
            }
        }
        let min = map.optional("min").flatMap { Scalar.int($0, "'min'", collector) }
        let max = map.optional("max").flatMap { Scalar.int($0, "'max'", collector) }
        let values = map.optional("values").flatMap { Scalar.textList($0, "'values'", collector) }?.map(\.value) ?? []
        var defaultValue: ParameterValue?
        let defaultNode = map.required("default")
        if let node = defaultNode {
            switch kind {
            case .int: defaultValue = Scalar.int(node, "the default of \(what)", collector).map(ParameterValue.int)
            case .text: defaultValue = Scalar.text(node, "the default of \(what)", collector).map(ParameterValue.text)
            }
        }
        let unit = map.optional("unit").flatMap { Scalar.nonEmptyText($0, "'unit'", collector) }
        let meaning = map.required("meaning").flatMap { Scalar.nonEmptyText($0, "a parameter's meaning", collector) } ?? ""
        var parameter = Parameter(
            name: pair.key, kind: kind, defaultValue: defaultValue, min: min, max: max, values: values, unit: unit,
            meaning: meaning, location: pair.keyLocation, defaultLocation: defaultNode?.location ?? pair.keyLocation)
        parameter.unitOne = map.optional("unit_one").flatMap { Scalar.nonEmptyText($0, "'unit_one'", collector) }
        parameter.guidance = map.optional("guidance").flatMap { Scalar.text($0, "a parameter's guidance", collector) }?.trimmed
        return parameter
    }

    func readRequirement(_ item: YAMLNode) -> Requirement? {
        guard let map = MapReader(item, what: "a requirement", collector: collector) else { return nil }
        defer { map.finish() }
        guard let id = map.required("id").flatMap({ Scalar.nonEmptyText($0, "a requirement id", collector) }) else {
            map.abandon()
            return nil
        }
        let summary = map.required("summary").flatMap { Scalar.nonEmptyText($0, "a requirement summary", collector) } ?? id
        let documents = map.required("documents").map { readDocuments($0) } ?? []
        let fields = map.optional("fields").flatMap { Scalar.textList($0, "'fields'", collector) } ?? []
        var rules: [Rule] = []
        if let node = map.optional("rules"), let items = Scalar.items(node, "'rules'", collector) {
            rules = items.compactMap(readRule)
        }
        if fields.isEmpty && rules.isEmpty {
            collector.error("empty-requirement", "requirement '\(id)' names no fields and no rules", at: map.keyLocation("id"))
        }
        var requirement = Requirement(
            id: id, summary: summary, documents: documents, fields: fields, rules: rules, location: map.keyLocation("id"))
        requirement.when = readWhen(map)
        if let node = map.optional("kpi"), let measure = Scalar.nonEmptyText(node, "what the KPI measures", collector) {
            requirement.kpi = Located(measure, at: node.location)
        }
        return requirement
    }

    func readRule(_ item: YAMLNode) -> Rule? {
        guard let map = MapReader(item, what: "a rule", collector: collector) else { return nil }
        defer { map.finish() }
        guard let kindNode = map.required("kind"), let kindName = Scalar.nonEmptyText(kindNode, "a rule kind", collector) else {
            map.abandon()
            return nil
        }
        guard let kindType = RuleKinds.kind(named: kindName) else {
            collector.error(
                "unknown-rule-kind", "unknown rule kind '\(kindName.clipped)'\(Nearest.hint(for: kindName, in: RuleKinds.names))",
                at: kindNode.location)
            for key in map.keys { _ = map.optional(key) }
            return nil
        }
        var code = ""
        // A kind whose findings have fixed codes (evidence-missing, evidence-outside-folder,
        // evidence-digest-mismatch) takes no code of its own.
        let fixed = kindType.fixedCodes
        let codeNode = fixed != nil ? map.optional("code") : map.required("code")
        if let fixed, let node = codeNode {
            collector.error(
                "unknown-key",
                "\(article(kindName)) \(kindName) rule takes no 'code': its findings are \(fixed.dropLast().joined(separator: ", ")) and \(fixed.last ?? "")",
                at: node.location)
        } else if let node = codeNode, let text = Scalar.nonEmptyText(node, "a rule code", collector) {
            code = text
            if !Lexical.isKebabCase(text) {
                collector.error(
                    "bad-code", "finding code '\(text.clipped)' is not kebab-case (lowercase words joined by '-')", at: node.location)
            }
        }
        var severity = Severity.error
        if let node = map.optional("severity"), let text = Scalar.nonEmptyText(node, "a severity", collector) {
            switch text {
            case "error": severity = .error
            case "warning": severity = .warning
            default: collector.error("wrong-type", "severity must be 'error' or 'warning', not '\(text.clipped)'", at: node.location)
            }
        }
        guard let kind = kindType.read(RuleMap(map: map, collector: collector, table: table)) else { return nil }
        return Rule(kind: kind, code: code, severity: severity, location: kindNode.location)
    }

    func article(_ word: String) -> String { "aeiou".contains(word.first ?? "x") ? "an" : "a" }
}

/// A rule's map, read for its kind (`RuleKind.read`): every key missing or malformed is
/// reported at its location, and field ids are filed by the library's table.
struct RuleMap: RuleKeys {
    let map: MapReader
    let collector: FindingCollector
    let table: FieldTable

    func name(_ key: String) -> String? { map.required(key).flatMap { Scalar.nonEmptyText($0, "'\(key)'", collector) } }
    func ref(_ id: String) -> FieldRef { FieldRef(id, slot: table.slot(id) ?? -1) }

    func field(_ key: String) -> FieldRef? { name(key).map(ref) }

    func fields(_ key: String) -> [FieldRef]? {
        map.required(key).flatMap { Scalar.textList($0, "'\(key)'", collector) }?.map { ref($0.value) }
    }

    func parameter(_ key: String) -> String? { name(key) }

    func optionalParameter(_ key: String) -> String? {
        map.optional(key).flatMap { Scalar.nonEmptyText($0, "'\(key)'", collector) }
    }

    func operand(_ key: String) -> Operand? {
        guard let node = map.required(key) else { return nil }
        if case .sequence = node.content {
            guard let list = Scalar.textList(node, "'\(key)'", collector), !list.isEmpty else { return nil }
            return .fields(list.map { ref($0.value) })
        }
        guard let text = Scalar.nonEmptyText(node, "'\(key)'", collector) else { return nil }
        return text.contains(".") ? .fields([ref(text)]) : .parameter(text)
    }
}

/// Field ids: lowercase words (letters, digits, underscores) joined by single dots.
enum FieldID {
    static func isValid(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty
            && parts.allSatisfy { part in
                !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            }
    }
}

/// Clause ids: `DA-<AREA>-<n>`.
package enum ClauseID {
    /// The area and number of a well-formed id.
    ///
    /// - Parameter id: Such as `DA-POL-1`.
    /// - Returns: (`POL`, 1), or `nil` when the id is malformed.
    package static func parse(_ id: String) -> (area: String, number: Int)? {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "DA", !parts[1].isEmpty,
            parts[1].unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }),
            let number = Lexical.integer(String(parts[2])), number > 0
        else { return nil }
        return (String(parts[1]), number)
    }
}

/// Clause text markup: `{{name}}`, `{{term:Name}}`, `{{ref:DA-POL-1}}`.
enum Markup {
    static func parse(_ text: String, at location: SourceLocation, collector: FindingCollector) -> [TextSegment] {
        var segments: [TextSegment] = []
        var rest = Substring(text)
        while let open = pair(UInt8(ascii: "{"), in: rest) {
            if open.lowerBound > rest.startIndex { segments.append(.words(String(rest[..<open.lowerBound]))) }
            guard let close = pair(UInt8(ascii: "}"), in: rest[open.upperBound...]) else {
                collector.error("bad-markup", "'{{' without a closing '}}' in clause text", at: location)
                segments.append(.words(String(rest[open.lowerBound...])))
                return segments
            }
            let inner = String(rest[open.upperBound..<close.lowerBound]).trimmed
            if inner.hasPrefix("term:") {
                segments.append(.term(String(inner.dropFirst(5)).trimmed))
            } else if inner.hasPrefix("count:") {
                segments.append(.counted(String(inner.dropFirst(6)).trimmed))
            } else if inner.hasPrefix("ref:") {
                segments.append(.reference(String(inner.dropFirst(4)).trimmed))
            } else if !inner.isEmpty
                && inner.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
            {
                segments.append(.parameter(inner))
            } else {
                collector.error(
                    "bad-markup", "'{{\(inner.clipped)}}' is not a parameter name, 'term:Name' or 'ref:DA-XXX-n'", at: location)
            }
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.words(String(rest))) }
        return segments
    }

    /// Where a byte is first written twice in a row (`{{`, `}}`), found byte by byte: the
    /// generic substring search cost some 27,000 instructions a clause, a fifth of loading the
    /// library, which every command does before anything else.
    static func pair(_ byte: UInt8, in text: Substring) -> Range<String.Index>? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == byte, next != utf8.endIndex, utf8[next] == byte { return index..<utf8.index(after: next) }
            index = next
        }
        return nil
    }
}
