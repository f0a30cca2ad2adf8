import ArgumentParser
import HorizonKit
import HorizonModel

extension LibraryOptions {
    /// Prints the findings of a contract resolved (`ContractLoader.resolve`). Returns `nil`
    /// when one is an error. With `quiet`, the findings go to standard error, so that a report
    /// on standard output in a machine format (JSON, CSV, SARIF) stays valid.
    func report(_ contract: Contract?, _ findings: [Finding], quiet: Bool = false) -> Contract? {
        Output.report(findings: findings.sorted(by: Finding.reportOrder), toStandardError: quiet)
        if findings.contains(where: { $0.severity == .error }) { return nil }
        return contract
    }

    /// Loads a contract file against the library and prints its findings: the contract, or
    /// `nil` when it has errors. Exits 2 (having printed why) when the file cannot be read.
    func loadContract(_ path: String, library: Library, quiet: Bool = false) throws -> Contract? {
        do {
            let (contract, findings) = try ContractLoader.load(path, library: library, limits: limits)
            return report(contract, findings, quiet: quiet)
        } catch {
            Output.report(inputErrors: [error])
            throw ExitCode(2)
        }
    }
}
