/// Finds the known word nearest a misspelt one, for "did you mean" suggestions.
enum Nearest {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely
    /// typo (at most a third of the word's length, and at least 1 edit allowed).
    ///
    /// - Parameters:
    ///   - word: What the user wrote.
    ///   - candidates: The known words.
    /// - Returns: The suggestion, or `nil`.
    static func match<S: Sequence<String>>(for word: String, in candidates: S) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word, candidate, limit: limit)
            if distance <= limit, best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// Levenshtein distance, stopping early once it exceeds `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// ` (did you mean 'x'?)`, or nothing.
    static func hint<S: Sequence<String>>(for word: String, in candidates: S) -> String {
        match(for: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
