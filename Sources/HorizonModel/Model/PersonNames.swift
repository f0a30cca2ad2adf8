/// Spots a person's name in a role field ("Sarah Jones, HR Director"): a return names roles,
/// never people. The names are the library's `given-names.yaml` (the most common given names
/// registered in England and Wales, from the ONS), data rather than code.
///
/// A given name counts when it stands as a word with its usual capital, unless the word after
/// it makes it part of a place or a building ("Oliver House manager"). A name that is also a
/// word or a place ("Grace", "Victoria") counts only when a surname-like word follows it
/// ("Grace Okafor"), never when a place word does ("Grace House manager", "Victoria Road team
/// lead").
package struct PersonNames: Sendable {
    package let names: Set<String>
    package let ambiguous: Set<String>

    package init(names: Set<String>, ambiguous: Set<String>) {
        self.names = names
        self.ambiguous = ambiguous
    }

    package static let none = PersonNames(names: [], ambiguous: [])

    /// Words that, after a given name, make it part of a place, a building or a role title.
    package static let placeWords: Set<String> = [
        "House", "Road", "Street", "Lane", "Court", "Centre", "Center", "Hall", "Ward", "Team", "Unit", "Service", "Services",
        "Project", "Trust", "Hub", "Place", "Square", "Park", "Avenue", "Close", "Way", "Gardens", "Lodge", "Manor", "Academy",
        "School", "College", "Hospital", "Clinic", "Surgery", "Station", "Terrace", "Crescent", "Drive", "Grove", "Mews", "Row",
        "Walk", "Estate", "Building", "Block", "Wing", "Tower", "Point", "Bridge", "Street's", "Foundation", "Group", "Network",
        "Partnership", "Programme", "Program", "Scheme", "Campus", "Site", "Hostel", "Refuge", "Shelter", "Home", "Homes", "Care",
        "Manager", "Director", "Lead", "Officer", "Coordinator", "Co-ordinator", "Worker", "Head", "Chief", "Deputy", "Senior",
        "Assistant", "Support", "Practitioner", "Adviser", "Advisor", "Nurse", "Visitor", "Champion", "Supervisor", "Administrator",
    ]

    /// Whether the text seems to hold a person's name.
    package func detect(_ text: String) -> Bool {
        guard !names.isEmpty else { return false }
        // Words: runs of letters (any byte of a non-ASCII letter too), apostrophes and hyphens,
        // found on the bytes: a role field is read for every return, and most hold no
        // capitalised word that could be a name.
        let bytes = Array(text.utf8)
        var words: [Range<Int>] = []
        var start: Int?
        for (index, byte) in bytes.enumerated() {
            let inWord =
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80 || byte == 0x27 || byte == 0x2D
            if inWord {
                if start == nil { start = index }
            } else if let first = start {
                words.append(first..<index)
                start = nil
            }
        }
        if let first = start { words.append(first..<bytes.count) }
        func word(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        for (i, range) in words.enumerated() {
            // Names are written with a capital: a word that starts with none is no name.
            let first = bytes[range.lowerBound]
            guard (first >= 0x41 && first <= 0x5A) || first >= 0x80 else { continue }
            let name = word(range)
            guard names.contains(name) else { continue }
            let next = i + 1 < words.count ? word(words[i + 1]) : nil
            if let next, Self.placeWords.contains(next) { continue }
            if ambiguous.contains(name) {
                if let next, isSurnameLike(next) { return true }
                continue
            }
            return true
        }
        return false
    }

    /// A capitalised word of letters that is not all capitals (an acronym such as "HR").
    package func isSurnameLike(_ word: String) -> Bool {
        guard let first = word.first, first.isUppercase, word.count >= 2 else { return false }
        return word.contains { $0.isLowercase } && word.allSatisfy { $0.isLetter || $0 == "'" || $0 == "’" || $0 == "-" }
    }
}
