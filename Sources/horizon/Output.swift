import Foundation
import HorizonKit
import HorizonModel

/// Printing: reports to standard output, input errors to standard error.
enum Output {
    /// An error of the command line; it may name a path the user gave, so it is made safe for
    /// a terminal.
    static func error(_ text: String) {
        writeError("horizon: error: \(text.terminalSafe)\n")
    }

    static func writeError(_ text: String) {
        // What was printed before comes first when both streams go to one place (`2>&1`).
        fflush(nil)
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Ends the process with a status, without freeing what it holds (see `Check.run`).
    static func end(status: Int32) -> Never {
        fflush(nil)
        exit(status)
    }

    static func report(inputErrors: [InputError]) {
        for error in inputErrors {
            writeError(error.finding.compilerStyle + "\n")
        }
    }

    static func report(findings: [Finding], toStandardError: Bool = false) {
        for finding in findings {
            if toStandardError { writeError(finding.compilerStyle + "\n") } else { print(finding.compilerStyle) }
        }
    }
}
