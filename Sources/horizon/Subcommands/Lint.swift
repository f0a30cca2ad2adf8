import ArgumentParser
import HorizonKit
import HorizonModel

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the clause library for defects, all in one run.",
        discussion: "Exit status 0 when sound, 1 for defects, 2 when a file cannot be read or parsed.")

    @OptionGroup var options: LibraryOptions

    func run() throws {
        let load = LibraryLoader.load(from: options.library, limits: options.limits)
        var findings = load.findings
        if let library = load.library {
            findings += Linter.lint(library)
        }
        findings.sort(by: Finding.reportOrder)
        Output.report(findings: findings)
        Output.report(inputErrors: load.inputErrors.sorted { $0.finding.location < $1.finding.location })
        let errors = findings.filter { $0.severity == .error }.count
        if let library = load.library {
            print(
                "\(options.library): library \(library.id) \(library.version): \(library.clauses.count) clauses, \(library.tiers.count) tiers, \(library.services.count) services; \(errors) defect(s), \(load.inputErrors.count) unreadable file(s)"
            )
        }
        if !load.inputErrors.isEmpty { throw ExitCode(2) }
        if errors > 0 { throw ExitCode(1) }
    }
}
