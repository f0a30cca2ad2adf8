import Testing

@testable import HorizonKit
@testable import HorizonModel

/// Which periods a quarter expects a return for (issue #16): those ending within it, both of
/// its ends included.
@Suite("The quarter's expected returns")
struct QuarterTests {
    @Test func aPeriodEndingOnEitherEndOfTheQuarterIsExpected() throws {
        var contract = try Shipped.contract("housing-related-support")
        let from = CivilDate(year: 2027, month: 7, day: 1)!
        let to = CivilDate(year: 2027, month: 9, day: 30)!
        func period(_ n: Int, ending end: CivilDate) -> ReportingPeriod {
            ReportingPeriod(number: n, start: end.adding(days: -30), end: end, due: end.adding(days: 30))
        }
        contract.periods = [
            period(1, ending: from.adding(days: -1)), period(2, ending: from), period(3, ending: to), period(4, ending: to.adding(days: 1)),
        ]
        #expect(PortfolioTracker.expected(contract, from: from, to: to).map(\.number) == [2, 3])
    }
}
