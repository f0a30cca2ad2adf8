import ArgumentParser
import HorizonKit
import HorizonModel

extension LibraryOptions {
    /// Loads a contract against the library; prints its findings. Returns `nil` (having printed
    /// why) when the contract has errors.
    /// Resolves a contract already parsed; prints its findings. Returns `nil` when it has errors.
    /// With `quiet`, the findings go to standard error, so that a report on standard output in
    /// a machine format (JSON, CSV, SARIF) stays valid.
    func resolveContract(_ root: YAMLNode, file: String, library: Library, cache: ContractCache? = nil, quiet: Bool = false) -> Contract? {
        let (contract, findings) = ContractLoader.resolve(root, file: file, library: library, cache: cache)
        Output.report(findings: findings.sorted(by: Finding.reportOrder), toStandardError: quiet)
        if findings.contains(where: { $0.severity == .error }) { return nil }
        return contract
    }

    func loadContract(_ path: String, library: Library, quiet: Bool = false) throws -> Contract? {
        do {
            let (contract, findings) = try ContractLoader.load(path, library: library, limits: limits)
            Output.report(findings: findings.sorted(by: Finding.reportOrder), toStandardError: quiet)
            if findings.contains(where: { $0.severity == .error }) { return nil }
            return contract
        } catch {
            Output.report(inputErrors: [error])
            throw ExitCode(2)
        }
    }
}
