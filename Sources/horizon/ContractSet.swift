import ArgumentParser
import HorizonKit
import HorizonModel
import HorizonOffice

/// The contracts at the head of a `check` or `compare-bids` command line, loaded, and the
/// documents after them: the first argument, and any YAML file after it whose top key is
/// `contract`, until the first document. A contract with errors is reported and kept by
/// reference, so that its documents are reported as not judged.
struct ContractSet {
    var checkers: [String: Checker] = [:]
    var numbers: [String: [String: String]] = [:]
    /// Where each contract's reference is written: a missing return points there.
    var referenceLocations: [String: SourceLocation] = [:]
    /// Contracts with errors (already reported), by reference, with their files.
    var defective: [String: String] = [:]
    /// The documents: every argument after the contracts.
    var documents: [String] = []

    /// Loads the contracts of a command line.
    ///
    /// - Parameters:
    ///   - paths: The command's arguments, contracts first.
    ///   - options: The library options.
    ///   - library: The library, loaded.
    ///   - evidence: The evidence folder, if any.
    ///   - command: The subcommand, for the message when a document comes first.
    ///   - quiet: Whether the contracts' findings go to standard error (a report in a machine
    ///     format on standard output).
    ///   - workers: Contract files read at once.
    static func load(
        _ paths: [String], options: LibraryOptions, library: Library, evidence source: FolderEvidence?, command: String,
        quiet: Bool = false, workers: Int = ProcessInfoCores.count
    ) throws -> ContractSet {
        var set = ContractSet()
        let limits = options.limits
        guard let first = paths.first else { return set }
        if contractRoot(first, limits: limits) == nil, isDocument(first, limits: limits) {
            Output.error("'\(first)' is a return or bid; give its contract spec first: horizon \(command) CONTRACT.yaml \(first)")
            throw ExitCode(64)
        }
        // Contracts of one kind share their compiled rules: a quarter's portfolio holds hundreds.
        let cache = CheckerCache(library: library)
        let contracts = ContractCache()
        // Contract files are parsed and resolved on every core, a chunk at a time: where the
        // contracts end is known only on reaching a file that is not one (at most a chunk of
        // documents is parsed for nothing). Their findings are printed in the order given.
        let chunk = 32
        var index = 0
        reading: while index < paths.count {
            let batch = Array(paths[index..<min(index + chunk, paths.count)])
            let reads = concurrentMap(batch.count, workers: workers) { i -> ContractRead in
                // Each contract file is parsed once: the tree that says it is a contract is resolved.
                guard let root = contractRoot(batch[i], limits: limits) else { return .other }
                let (contract, findings) = ContractLoader.resolve(root, file: batch[i], library: library, cache: contracts)
                return .contract(root, contract, findings)
            }
            for (path, read) in zip(batch, reads) {
                let loaded: Contract?
                var root: YAMLNode?
                switch read {
                case .other where index > 0:
                    break reading
                case .other:
                    loaded = try options.loadContract(path, library: library, quiet: quiet)
                case .contract(let tree, let contract, let findings):
                    root = tree
                    loaded = options.report(contract, findings, quiet: quiet)
                }
                index += 1
                guard let resolved = loaded else {
                    set.defective[reference(of: path, limits: limits) ?? path] = path
                    continue
                }
                // Each contract's policy files: its own subfolder of the evidence folder first.
                let evidence = source.map { ContractEvidence(folder: $0, reference: resolved.reference) }
                set.checkers[resolved.reference] = cache.checker(for: resolved, evidence: evidence)
                set.numbers[resolved.reference] = resolved.numbers
                if let root, let place = referenceLocation(root) { set.referenceLocations[resolved.reference] = place }
            }
        }
        for (reference, path) in set.defective.sorted(by: { $0.key < $1.key }) {
            Output.error(
                "the contract file for \(reference) (\(path)) has errors (listed above), so no return or bid for it was checked: the contract's author must correct it"
            )
        }
        set.documents = Array(paths[index...])
        return set
    }

    /// A file at the head of the command line, read on a worker.
    private enum ContractRead: Sendable {
        /// A contract file, resolved: the contract unless an error prevented it, and findings.
        case contract(YAMLNode, Contract?, [Finding])
        /// Not a contract (a document, or a file that cannot be read as YAML).
        case other
    }

    /// Where a contract tree writes its reference (`contract: reference:`).
    static func referenceLocation(_ root: YAMLNode) -> SourceLocation? {
        guard case .mapping(let pairs) = root.content, let head = pairs.first(where: { $0.key == "contract" }),
            case .mapping(let fields) = head.value.content, let reference = fields.first(where: { $0.key == "reference" })
        else { return nil }
        return reference.value.location
    }

    /// Whether a file reads as a return or bid.
    static func isDocument(_ path: String, limits: ReadLimits) -> Bool {
        guard let bytes = try? FileInput.read(path, limits: limits) else { return false }
        return (try? OfficeDocumentReader.parse(bytes, file: path, limits: limits)) != nil
    }

    /// The reference a contract file gives, read without validating the rest.
    static func reference(of path: String, limits: ReadLimits) -> String? {
        guard let bytes = try? FileInput.read(path, limits: limits),
            let root = try? YAMLReader.parse(bytes, file: path, limits: limits),
            case .mapping(let pairs) = root.content,
            let head = pairs.first(where: { $0.key == "contract" }),
            case .mapping(let fields) = head.value.content,
            let reference = fields.first(where: { $0.key == "reference" }),
            case .scalar(let text, _) = reference.value.content
        else { return nil }
        return text
    }

    /// The parsed tree of a contract specification — YAML whose top-level map has 'contract' —
    /// or `nil` for anything else.
    static func contractRoot(_ path: String, limits: ReadLimits) -> YAMLNode? {
        guard DocumentReader.Format(path: path) == .yaml,
            let bytes = try? FileInput.read(path, limits: limits),
            let root = try? YAMLReader.parse(bytes, file: path, limits: limits),
            case .mapping(let pairs) = root.content,
            pairs.contains(where: { $0.key == "contract" }) && !pairs.contains(where: { $0.key == "return" || $0.key == "bid" })
        else { return nil }
        return root
    }

}
