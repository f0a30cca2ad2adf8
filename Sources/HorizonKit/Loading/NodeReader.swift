import Foundation
internal import HorizonModel

/// Gathers findings while nodes are read into a model, so that every problem in a file is
/// reported in one run rather than the first alone.
final class FindingCollector {
    private(set) var findings: [Finding] = []

    func error(_ code: String, _ message: String, at location: SourceLocation, notes: [Note] = []) {
        findings.append(Finding(.error, code, message, at: location, notes: notes))
    }

    func add(_ finding: Finding) { findings.append(finding) }

    var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

/// Reads a YAML map against a schema: hands out values by key, reports missing keys and, at
/// the end, unknown keys with the nearest known key suggested.
final class MapReader {
    let node: YAMLNode
    let what: String
    private let pairs: [YAMLPair]
    private let collector: FindingCollector
    /// The keys asked for, in order; hashed only when a key was not read (`finish`).
    private var asked: [String] = []
    /// Whether each pair's key was asked for.
    private var read: [Bool]
    private var abandoned = false

    /// Returns `nil`, having reported it, when `node` is not a map.
    init?(_ node: YAMLNode, what: String, collector: FindingCollector) {
        guard case .mapping(let pairs) = node.content else {
            collector.error("wrong-type", "\(what) must be a map of keys and values, not \(node.kindName)", at: node.location)
            return nil
        }
        self.node = node
        self.what = what
        self.pairs = pairs
        self.collector = collector
        read = Array(repeating: false, count: pairs.count)
    }

    var keys: [String] { pairs.map(\.key) }

    var entries: [YAMLPair] { pairs }

    /// The value of `key`, or `nil` when absent or written with no value.
    func optional(_ key: String) -> YAMLNode? {
        asked.append(key)
        guard let index = pairs.firstIndex(where: { $0.key == key }) else { return nil }
        read[index] = true
        let pair = pairs[index]
        return pair.value.isNull ? nil : pair.value
    }

    /// Where `key` is written, or the map's own location.
    func keyLocation(_ key: String) -> SourceLocation {
        pairs.first(where: { $0.key == key })?.keyLocation ?? node.location
    }

    /// The value of `key`; reports `missing-key` when absent.
    func required(_ key: String) -> YAMLNode? {
        guard let value = optional(key) else {
            collector.error("missing-key", "\(what) has no '\(key)'", at: keyLocation(key))
            return nil
        }
        return value
    }

    /// Gives up on this map (its identifying key is missing): its other keys are then not
    /// reported as unknown, which would only repeat the first error.
    func abandon() { abandoned = true }

    /// Reports every key not read by this reader as unknown.
    func finish() {
        if abandoned || !read.contains(false) { return }
        let known = Set(asked)
        for pair in pairs where !known.contains(pair.key) {
            collector.error(
                "unknown-key", "unknown key '\(pair.key)' in \(what)\(Nearest.hint(for: pair.key, in: known.sorted()))",
                at: pair.keyLocation)
        }
    }
}

/// Typed reading of scalar nodes. Each returns `nil` after reporting a `wrong-type` finding.
enum Scalar {
    // `what` is an autoclosure: it names the value only in a finding, and building it for
    // every value read cost as much as reading the value (a contract has dozens).
    static func text(_ node: YAMLNode, _ what: @autoclosure () -> String, _ collector: FindingCollector) -> String? {
        guard case .scalar(let text, _) = node.content else {
            collector.error("wrong-type", "\(what()) must be text, not \(node.kindName)", at: node.location)
            return nil
        }
        return text
    }

    /// Non-empty text with surrounding white space removed.
    static func nonEmptyText(_ node: YAMLNode, _ what: @autoclosure () -> String, _ collector: FindingCollector) -> String? {
        guard let text = text(node, what(), collector) else { return nil }
        let trimmed = text.trimmed
        if trimmed.isEmpty {
            collector.error("empty-value", "\(what()) is empty", at: node.location)
            return nil
        }
        return trimmed
    }

    static func int(_ node: YAMLNode, _ what: @autoclosure () -> String, _ collector: FindingCollector) -> Int? {
        guard let text = text(node, what(), collector) else { return nil }
        guard let value = Lexical.integer(text) else {
            collector.error("wrong-type", "\(what()) must be a whole number written plainly, not '\(text.clipped)'", at: node.location)
            return nil
        }
        return value
    }

    static func bool(_ node: YAMLNode, _ what: @autoclosure () -> String, _ collector: FindingCollector) -> Bool? {
        guard let text = text(node, what(), collector) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            collector.error("wrong-type", "\(what()) must be 'true' or 'false', not '\(text.clipped)'", at: node.location)
            return nil
        }
    }

    static func date(_ node: YAMLNode, _ what: @autoclosure () -> String, _ collector: FindingCollector) -> CivilDate? {
        guard let text = text(node, what(), collector) else { return nil }
        guard let date = CivilDate(iso: text) else {
            collector.error(
                "wrong-type", "\(what()) must be a date written YYYY-MM-DD that exists, not '\(text.clipped)'", at: node.location)
            return nil
        }
        return date
    }

    /// A list of scalars; a single scalar is not accepted in its place.
    static func textList(_ node: YAMLNode, _ what: @autoclosure () -> String, _ collector: FindingCollector) -> [Located<String>]? {
        guard case .sequence(let items) = node.content else {
            collector.error("wrong-type", "\(what()) must be a list, not \(node.kindName)", at: node.location)
            return nil
        }
        return items.compactMap { item in
            nonEmptyText(item, "an item of \(what())", collector).map { Located($0, at: item.location) }
        }
    }

    static func items(_ node: YAMLNode, _ what: @autoclosure () -> String, _ collector: FindingCollector) -> [YAMLNode]? {
        guard case .sequence(let items) = node.content else {
            collector.error("wrong-type", "\(what()) must be a list, not \(node.kindName)", at: node.location)
            return nil
        }
        return items
    }
}

/// Strict lexical forms shared by every reader: what counts as a whole number, a version.
enum Lexical {
    /// A plain decimal integer: an optional `-`, then `0` or digits not starting with `0`. No
    /// `+`, no octal, no exponent, no fraction, no separators. At most 15 digits.
    static func integer(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { integer($0[...]) }
    }

    static func integer(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var utf8 = bytes
        var negative = false
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8 = utf8.dropFirst()
        }
        guard !utf8.isEmpty, utf8.count <= 15 else { return nil }
        if utf8.first == UInt8(ascii: "0") && utf8.count > 1 { return nil }
        var value = 0
        for byte in utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        if negative && value == 0 { return nil }  // "-0" is not written plainly
        return negative ? -value : value
    }

    /// `MAJOR.MINOR.PATCH`, each a plain whole number.
    static func isSemanticVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3
            && parts.allSatisfy { part in
                part.first != "-" && integer(String(part)) != nil
            }
    }

    /// Lowercase words joined by single hyphens: `training-below-target`.
    static func isKebabCase(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
