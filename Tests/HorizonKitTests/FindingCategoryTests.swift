import Testing

@testable import HorizonKit
@testable import HorizonModel

/// Every finding carries a category (issue #16), so that a board can tell a duty not met from
/// a date typed wrongly.
@Suite("Finding categories")
struct FindingCategoryTests {
    @Test func eachCodeHasItsCategory() throws {
        #expect(FindingCategory.of("training-below-target") == .performance, "a clause rule's code")
        #expect(FindingCategory.of("wrong-type") == .dataQuality && FindingCategory.of("yaml-syntax") == .dataQuality)
        #expect(FindingCategory.of("late-submission") == .timeliness && FindingCategory.of("return-missing") == .timeliness)
        #expect(FindingCategory.of("personal-data") == .privacy && FindingCategory.of("return-holds-personal-data") == .privacy)
        #expect(FindingCategory.of("evidence-digest-mismatch") == .evidence)
        // The codes named by category are real: the registry's or the shipped library's.
        let libraryCodes = Set(Shipped.library.clauses.flatMap { $0.requirements.flatMap { $0.rules.map(\.code) } })
        for code in FindingCategory.named.keys {
            #expect(FindingCategory.registered.contains(code) || libraryCodes.contains(code), "\(code) is no code")
        }
        // Every category is given to some code of the registry or the library.
        let given = Set((FindingCategory.registered.union(libraryCodes)).map(FindingCategory.of))
        #expect(given == Set(FindingCategory.allCases))
    }

    /// A rule that bounds a figure by other figures of the return (trained at most in scope)
    /// finds a figure that cannot be: data quality. A rule that bounds it by the contract's limit
    /// (a caseload) finds a duty not met: performance.
    @Test func aFigureThatCannotBeIsDataQuality() throws {
        var consistency = 0
        for clause in Shipped.library.clauses {
            for requirement in clause.requirements {
                for rule in requirement.rules {
                    guard let bound = rule.kind as? AtMost else { continue }
                    if case .fields = bound.limit {
                        consistency += 1
                        #expect(FindingCategory.of(rule.code) == .dataQuality, "\(clause.id) \(rule.code)")
                    } else {
                        #expect(FindingCategory.of(rule.code) == .performance, "\(clause.id) \(rule.code)")
                    }
                }
            }
        }
        #expect(consistency > 20)
        #expect(FindingCategory.of("trained-exceeds-in-scope") == .dataQuality)
        #expect(FindingCategory.of("caseload-above-limit") == .performance)
    }
}
