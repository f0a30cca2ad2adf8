/// Spots a person's name in a role field ("Sarah Jones, HR Director"): a return names roles,
/// never people. The names are the library's `given-names.yaml` (the most common given names
/// registered in England and Wales, from the ONS), data rather than code.
///
/// A given name counts when it stands as a word with its usual capital, unless the word after
/// it makes it part of a place or a building ("Oliver House manager"). A name that is also a
/// word or a place ("Grace", "Victoria") counts only when a surname-like word follows it
/// ("Grace Okafor"), never when a place word does ("Grace House manager", "Victoria Road team
/// lead").
public struct PersonNames: Sendable {
    public let names: Set<String>
    public let ambiguous: Set<String>

    public init(names: Set<String>, ambiguous: Set<String>) {
        self.names = names
        self.ambiguous = ambiguous
    }

    public static let none = PersonNames(names: [], ambiguous: [])

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
    public func detect(_ text: String) -> Bool {
        guard !names.isEmpty else { return false }
        // Words: runs of letters, apostrophes and hyphens.
        var words: [Substring] = []
        var start: String.Index?
        for index in text.indices {
            let c = text[index]
            if c.isLetter || c == "'" || c == "’" || c == "-" {
                if start == nil { start = index }
            } else if let s = start {
                words.append(text[s..<index])
                start = nil
            }
        }
        if let s = start { words.append(text[s...]) }
        for (i, word) in words.enumerated() {
            let name = String(word)
            guard names.contains(name) else { continue }
            let next = i + 1 < words.count ? String(words[i + 1]) : nil
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
