import ArgumentParser
import HorizonKit
import HorizonModel

/// Where the clause library is, and how large an input may be.
struct LibraryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The clause library folder.", valueName: "DIR"))
    var library: String = "ClauseLibrary"

    @Option(name: .long, help: ArgumentHelp("The largest input file, in bytes.", valueName: "BYTES"))
    var maxInputSize: Int = ReadLimits.defaultMaxBytes

    var limits: ReadLimits { ReadLimits(maxBytes: maxInputSize) }

    mutating func validate() throws {
        guard maxInputSize > 0 else { throw ValidationError("--max-input-size must be a positive number of bytes") }
        // A bound no input reaches, so that no arithmetic on it can overflow.
        guard maxInputSize <= 1 << 40 else {
            throw ValidationError("--max-input-size must be at most 1099511627776 bytes (1 TiB); a return is a few kilobytes")
        }
    }

    /// Loads the library and refuses one that is unreadable or has defects (exit 2).
    func loadSound() throws -> Library { try loadSoundWithFiles().library }

    /// As `loadSound`, with the library's files and their digests (for manifests, and so that no
    /// output is written over one of them).
    func loadSoundWithFiles() throws -> (library: Library, files: [(path: String, sha256: String)]) {
        let load = LibraryLoader.load(from: library, limits: limits)
        if !load.inputErrors.isEmpty {
            Output.report(inputErrors: load.inputErrors)
            throw ExitCode(2)
        }
        guard let result = load.library else { throw ExitCode(2) }
        let defects = (load.findings + Linter.lint(result)).filter { $0.severity == .error }
        if !defects.isEmpty {
            Output.error("the clause library in '\(library)' has \(defects.count) defect(s); run 'horizon lint --library \(library)'")
            throw ExitCode(2)
        }
        return (result, load.files)
    }
}
