import Foundation
import HorizonKit
import HorizonModel

/// Printing: reports to standard output, input errors to standard error.
enum Output {
    static func error(_ text: String) {
        writeError("horizon: error: \(text)\n")
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func report(inputErrors: [InputError]) {
        for error in inputErrors {
            writeError(error.finding.compilerStyle + "\n")
        }
    }

    static func report(findings: [Finding]) {
        for finding in findings {
            print(finding.compilerStyle)
        }
    }
}
