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
}
