import ArgumentParser
import HorizonKit
import HorizonModel

extension LibraryOptions {
    /// Loads a contract against the library; prints its findings. Returns `nil` (having printed
    /// why) when the contract has errors.
    func loadContract(_ path: String, library: Library) throws -> Contract? {
        do {
            let (contract, findings) = try ContractLoader.load(path, library: library, limits: limits)
            Output.report(findings: findings.sorted(by: Finding.reportOrder))
            if findings.contains(where: { $0.severity == .error }) { return nil }
            return contract
        } catch {
            Output.report(inputErrors: [error])
            throw ExitCode(2)
        }
    }
}
