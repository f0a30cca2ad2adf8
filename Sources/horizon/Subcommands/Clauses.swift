import ArgumentParser
import HorizonKit
import HorizonModel

struct Clauses: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the clauses of a tier (cumulatively) with their titles.")

    @Option(help: ArgumentHelp("A tier id, such as basic, targeted or specialist. Without it, every clause.", valueName: "T"))
    var tier: String?

    @OptionGroup var options: LibraryOptions

    func run() throws {
        let library = try options.loadSound()
        let clauses: [Clause]
        if let tier {
            guard library.tier(tier) != nil else {
                let known = library.tiers.map(\.id).joined(separator: ", ")
                Output.error("unknown tier '\(tier)'; the tiers are \(known)")
                throw ExitCode(64)
            }
            clauses = library.clauses(inTier: tier)
        } else {
            clauses = library.scheduleOrder(library.clauses)
        }
        let width = clauses.map(\.id.count).max() ?? 0
        for clause in clauses {
            let pad = String(repeating: " ", count: width - clause.id.count)
            print("\(clause.id)\(pad)  \(clause.tier.value.padding(10))  \(clause.title)")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
