/// Finds the known word nearest a misspelt one, for "did you mean" suggestions.
package enum Nearest {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely
    /// typo (at most a third of the word's length, and at least 1 edit allowed).
    ///
    /// - Parameters:
    ///   - word: What the user wrote.
    ///   - candidates: The known words.
    /// - Returns: The suggestion, or `nil`.
    package static func match<S: Sequence<String>>(for word: String, in candidates: S) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word, candidate, limit: limit)
            if distance <= limit, best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        if let best { return best.0 }
        // A shortened name: every word of it appears, in order, in one candidate
        // ("housing-support" in "housing-related-support").
        let words = word.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." || $0 == " " })
        guard words.count >= 2 else { return nil }
        let matches = candidates.filter { candidate in
            var rest = Substring(candidate.lowercased())
            for part in words {
                // The standard library's search: Foundation's range(of:) on a Substring has
                // given indices outside it on Linux (a crash the fuzzer found).
                guard let range = rest.firstRange(of: part) else { return false }
                rest = rest[range.upperBound...]
            }
            return true
        }
        return matches.count == 1 ? matches.first : nil
    }

    /// Levenshtein distance, stopping early once it exceeds `limit`.
    package static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        // Optimal string alignment: a swap of two neighbours ("titel") counts as one edit.
        var beforePrevious = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[y.count]
    }

    /// ` (did you mean 'x'?)`, or nothing.
    package static func hint<S: Sequence<String>>(for word: String, in candidates: S) -> String {
        match(for: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
