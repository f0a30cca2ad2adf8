internal import HorizonModel

/// Spots text that looks like personal data in a return, which must hold aggregates only
/// (SPEC §8). The finding names the kind of data, never the matched text.
enum PersonalData {
    /// `text` in quotes for a message (clipped), unless it looks like personal data: then words
    /// that say so, and never the text. Every message that quotes a value or key from a document
    /// goes through here (type errors, duplicate keys and their notes).
    /// A date in a date or number field is a wrong format, not a date of birth: `datesToo: false`.
    static func quoted(_ text: String, datesToo: Bool = true) -> String {
        detect(text, datesToo: datesToo) == nil ? "'\(text.clipped)'" : "(text that looks like personal data, not repeated here)"
    }

    /// The first kind of personal data the text seems to hold, if any.
    ///
    /// - Parameter text: A value from a document.
    /// - Returns: "an email address", "a phone number", … or `nil`.
    static func detect(_ text: String, datesToo: Bool = true) -> String? {
        // One cheap pass first: most values ("section 4", "Head of people") hold no '@', too few
        // digits for any pattern and no "DOB" or "birth", and need no closer look.
        var digits = 0
        var at = false
        var dateSeparator = false
        var birth = false
        var previous: UInt8 = 0x20
        // A full postcode ends in a digit and two letters ("1AA"): without that, none is there.
        var digitLetters = 0
        var inward = false
        for byte in text.utf8 {
            let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            if byte >= 0x30 && byte <= 0x39 {
                digitLetters = 1
            } else if isLetter && digitLetters > 0 {
                digitLetters += 1
                if digitLetters == 3 { inward = true }
            } else {
                digitLetters = 0
            }
            switch byte {
            case 0x30...0x39: digits += 1
            case UInt8(ascii: "@"): at = true
            case UInt8(ascii: "/"), UInt8(ascii: "."): dateSeparator = true
            case UInt8(ascii: "b"), UInt8(ascii: "B"):
                // "birth", "born", "dob", "d.o.b": look closer only where a b follows o or d,
                // or starts a word.
                if !birth && (previous == 0x20 || previous | 0x20 == UInt8(ascii: "o") || previous == UInt8(ascii: ".")) {
                    birth = mentionsBirth(text)
                }
            default: break
            }
            previous = byte
        }
        guard at || digits >= 2 || birth else { return nil }
        // A mention of birth is a date of birth in free text; in a field of another type (a
        // count written "64 DOB 12.05.1990") only with something like a date beside it.
        if birth && (datesToo || (digits >= 4 && dateSeparator)) { return "a date of birth" }
        // Each kind needs something the first pass would have seen; most values with a few
        // digits ("section 10") need no closer look. Non-ASCII text always gets one.
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        guard !ascii || at || digits >= 6 || inward || (datesToo && digits >= 4 && dateSeparator) || digits >= 9 else { return nil }
        let chars = Array(text.uppercased().unicodeScalars)
        if chars.count < 3 { return nil }
        if at && looksLikeEmail(chars) { return "an email address" }
        if digits >= 6 && looksLikeNINumber(chars) { return "a National Insurance number" }
        if digits >= 2 && looksLikePostcode(chars) { return "a full postcode" }
        if datesToo && digits >= 4 && dateSeparator && looksLikeDate(chars) { return "a date of birth" }
        if digits >= 9 && looksLikePhone(chars) { return "a phone number" }
        return nil
    }

    static func isLetter(_ c: Unicode.Scalar) -> Bool { ("A"..."Z").contains(c) }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    static func looksLikeEmail(_ c: [Unicode.Scalar]) -> Bool {
        for (i, ch) in c.enumerated() where ch == "@" {
            let before = i > 0 && (isLetter(c[i - 1]) || isDigit(c[i - 1]) || "._-+".unicodeScalars.contains(c[i - 1]))
            var j = i + 1
            var sawDot = false
            var afterDot = 0
            while j < c.count, isLetter(c[j]) || isDigit(c[j]) || c[j] == "." || c[j] == "-" {
                if c[j] == "." { sawDot = true; afterDot = 0 } else if sawDot { afterDot += 1 }
                j += 1
            }
            if before && sawDot && afterDot >= 2 { return true }
        }
        return false
    }

    /// Two letters, six digits, a letter A to D; a space allowed between the groups.
    static func looksLikeNINumber(_ c: [Unicode.Scalar]) -> Bool {
        func isWord(_ i: Int) -> Bool { i >= 0 && i < c.count && (isLetter(c[i]) || isDigit(c[i])) }
        for start in 0..<c.count where !isWord(start - 1) {
            var i = start
            func take(_ test: (Unicode.Scalar) -> Bool, _ count: Int) -> Bool {
                for _ in 0..<count {
                    guard i < c.count, test(c[i]) else { return false }
                    i += 1
                }
                return true
            }
            func space() { if i < c.count && c[i] == " " { i += 1 } }
            guard take(isLetter, 2) else { continue }
            space()
            guard take(isDigit, 2) else { continue }
            space()
            guard take(isDigit, 2) else { continue }
            space()
            guard take(isDigit, 2) else { continue }
            space()
            guard take({ ("A"..."D").contains($0) }, 1), !isWord(i) else { continue }
            return true
        }
        return false
    }

    /// A full UK postcode: outward code (A9, A99, AA9, AA99, A9A, AA9A), optional space, inward
    /// code (9AA).
    static func looksLikePostcode(_ c: [Unicode.Scalar]) -> Bool {
        let n = c.count
        let outwards = ["A9", "A99", "AA9", "AA99", "A9A", "AA9A"]
        func matches(_ pattern: String, at start: Int) -> Int? {
            var i = start
            for kind in pattern.unicodeScalars {
                guard i < n, kind == "A" ? isLetter(c[i]) : isDigit(c[i]) else { return nil }
                i += 1
            }
            return i
        }
        for start in 0..<n {
            if start > 0 && (isLetter(c[start - 1]) || isDigit(c[start - 1])) { continue }
            for outward in outwards {
                guard var i = matches(outward, at: start) else { continue }
                if i < n && c[i] == " " { i += 1 }
                guard let end = matches("9AA", at: i) else { continue }
                if end < n && (isLetter(c[end]) || isDigit(c[end])) { continue }
                return true
            }
        }
        return false
    }

    /// "date of birth", "birth date", "born", "D.O.B" or the word "DOB", in any case.
    static func mentionsBirth(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return mentionsBirthASCII(text) }
        // Outside ASCII, case mapping can make ASCII letters ("ı" → "I"): the full path.
        let upper = text.uppercased()
        if upper.contains("BIRTH") || upper.contains("BORN") || upper.contains("D.O.B") { return true }
        return upper.split(whereSeparator: { !$0.isLetter }).contains("DOB")
    }

    /// `mentionsBirth` for ASCII text, without making new strings (it runs on every value
    /// holding a "b" at a word start, such as a contract reference "BHCC-…").
    static func mentionsBirthASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            func upper(_ i: Int) -> UInt8 { let b = bytes[i]; return b >= 0x61 && b <= 0x7A ? b - 0x20 : b }
            func isLetter(_ i: Int) -> Bool { i >= 0 && i < bytes.count && (0x41...0x5A).contains(upper(i)) }
            func has(_ word: StaticString, at i: Int) -> Bool {
                let n = word.utf8CodeUnitCount
                guard i + n <= bytes.count else { return false }
                for k in 0..<n where upper(i + k) != word.utf8Start[k] { return false }
                return true
            }
            for i in bytes.indices {
                if has("BIRTH", at: i) || has("BORN", at: i) || has("D.O.B", at: i) { return true }
                if has("DOB", at: i) && !isLetter(i - 1) && !isLetter(i + 3) { return true }
            }
            return false
        }
    }

    /// A day/month/year date written with slashes or dots.
    static func looksLikeDate(_ c: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < c.count {
            var j = i
            var groups: [Int] = []
            var separator: Unicode.Scalar?
            while j < c.count {
                var digits = 0
                while j < c.count && isDigit(c[j]) { digits += 1; j += 1 }
                if digits == 0 { break }
                groups.append(digits)
                if j < c.count && (c[j] == "/" || c[j] == ".") && (separator == nil || separator == c[j]) && groups.count < 3 {
                    separator = c[j]
                    j += 1
                } else {
                    break
                }
            }
            // Day and month of one or two digits; a four-digit year (or, with slashes, two).
            // Section numbers such as "4.1.2" or "10.2.13" are not dates.
            if groups.count == 3 && groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 4 || (groups[2] == 2 && separator == "/")) {
                return true
            }
            i = max(j, i + 1)
        }
        return false
    }

    /// A UK phone number: 10 or 11 digits starting 0, or +44 and 9 or 10 digits, with spaces,
    /// hyphens or brackets between.
    static func looksLikePhone(_ c: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < c.count {
            guard c[i] == "+" || c[i] == "0" || c[i] == "(" else { i += 1; continue }
            if i > 0 && isDigit(c[i - 1]) { i += 1; continue }
            var digits: [Unicode.Scalar] = []
            var j = i
            if c[j] == "+" { j += 1 }
            while j < c.count, isDigit(c[j]) || c[j] == " " || c[j] == "-" || c[j] == "(" || c[j] == ")" {
                if isDigit(c[j]) { digits.append(c[j]) }
                j += 1
            }
            let text = String(String.UnicodeScalarView(digits))
            if c[i] == "+" || (c[i] == "(" && text.hasPrefix("44")) {
                // +44 7700 900123, or +44 (0)7700 900123 with the trunk zero in brackets.
                if text.hasPrefix("44") && (11...13).contains(text.count) { return true }
            } else if text.hasPrefix("0") && (10...11).contains(text.count) {
                return true
            }
            i = max(j, i + 1)
        }
        return false
    }
}
