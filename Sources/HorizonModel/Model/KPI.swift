/// Key performance indicators: requirements that a library marks `kpi: "what is measured"`,
/// each judged by a share (`percent_at_least`), rated in the bands of a contract performance
/// notice under the Procurement Act 2023, s71: Good, Approaching target, Requires improvement,
/// Inadequate, and Other where performance cannot be so described.
package enum KPIRating: String, Sendable, Hashable, CaseIterable {
    case good = "Good"
    case approaching = "Approaching target"
    case requiresImprovement = "Requires improvement"
    case inadequate = "Inadequate"
    case other = "Other"

    /// The JSON spelling.
    package var code: String {
        switch self {
        case .good: "good"
        case .approaching: "approaching-target"
        case .requiresImprovement: "requires-improvement"
        case .inadequate: "inadequate"
        case .other: "other"
        }
    }
}

/// A KPI's target and the floors of its bands, in whole per cent, for one contract.
package struct KPIBands: Sendable, Hashable {
    /// Good: a share of at least this.
    package var target: Int
    /// Approaching target: at least this (and below the target).
    package var approaching: Int
    /// Requires improvement: at least this; below it, inadequate.
    package var requiresImprovement: Int

    /// The bands of a target, given how many percentage points below it each band reaches.
    package init(target: Int, approachingPoints: Int, requiresImprovementPoints: Int) {
        self.target = target
        approaching = max(0, target - approachingPoints)
        requiresImprovement = max(0, min(approaching, target - requiresImprovementPoints))
    }

    /// The rating of a share of `part` in `whole`, compared without rounding; Other when the
    /// whole is 0, a figure is missing, or the part is more than the whole.
    package func rate(part: Int?, whole: Int?) -> KPIRating {
        // No whole, or figures that contradict each other (more told than work there), cannot
        // describe performance.
        guard let part, let whole, whole > 0, part <= whole else { return .other }
        let scaled = part * 100
        if scaled >= target * whole { return .good }
        if scaled >= approaching * whole { return .approaching }
        if scaled >= requiresImprovement * whole { return .requiresImprovement }
        return .inadequate
    }

    /// Each band in words, such as "70% to 79%", for the schedule's KPI annex.
    package var words: [(KPIRating, String)] {
        func range(_ low: Int, _ high: Int) -> String { low >= high ? "—" : "at least \(low)%, below \(high)%" }
        return [
            (.good, target >= 100 ? "100%" : "at least \(target)%"),
            (.approaching, range(approaching, target)),
            (.requiresImprovement, range(requiresImprovement, approaching)),
            (.inadequate, requiresImprovement == 0 ? "—" : "below \(requiresImprovement)%"),
        ]
    }
}

extension Requirement {
    /// The share that measures a KPI requirement: its `percent_at_least` rule.
    package var kpiShare: PercentAtLeast? {
        guard kpi != nil else { return nil }
        return rules.lazy.compactMap { $0.kind as? PercentAtLeast }.first
    }
}

extension Contract {
    /// The bands of a KPI whose target is `target` per cent: the band widths are contract
    /// parameters (`kpi_approaching_points`, `kpi_requires_improvement_points`) with the
    /// library's defaults.
    package func kpiBands(target: Int) -> KPIBands {
        KPIBands(
            target: target, approachingPoints: int("kpi_approaching_points") ?? 10,
            requiresImprovementPoints: int("kpi_requires_improvement_points") ?? 25)
    }
}
