internal import Foundation
package import HorizonKit
internal import HorizonModel
internal import ZIPFoundation

/// The parts of an `.xlsx` (a ZIP archive) read into memory with ZIPFoundation, within bounds:
/// at most 1,000 entries, each part no larger than 64 MiB or the input limit's 16 times, and
/// no part inflating more than 200 times its compressed size (a ZIP bomb stops at the bound,
/// counted as it inflates, never after).
struct WorkbookArchive {
    let archive: Archive
    let file: String
    let maxPart: Int

    init(_ bytes: [UInt8], file: String, limits: ReadLimits) throws(InputError) {
        self.file = file
        maxPart = min(64 << 20, max(limits.maxBytes, 1 << 20) * 16)
        guard ZIPBounds.inBounds(bytes) else {
            throw InputError(
                "workbook-unreadable",
                "the workbook cannot be opened (a damaged or incomplete .xlsx file): save it again from the spreadsheet",
                at: .start(of: file))
        }
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw InputError(
                "workbook-unreadable",
                "the workbook cannot be opened (a damaged or incomplete .xlsx file): save it again from the spreadsheet",
                at: .start(of: file))
        }
        var count = 0
        for _ in archive {
            count += 1
            if count > 1000 {
                throw InputError(
                    "workbook-unreadable", "the workbook holds more than 1000 parts, far more than a return", at: .start(of: file))
            }
        }
    }

    /// A part's bytes, or `nil` when the archive has no such part.
    func part(_ path: String) throws(InputError) -> [UInt8]? {
        guard let entry = archive[path] else { return nil }
        if entry.uncompressedSize > Int64(maxPart)
            || (entry.uncompressedSize > 1 << 20 && entry.uncompressedSize > 200 * max(entry.compressedSize, 1))
        {
            throw InputError(
                "workbook-unreadable", "the workbook's part \(path) would inflate beyond the limit: it is not a return",
                at: .start(of: file))
        }
        var out: [UInt8] = []
        let limit = maxPart
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                out.append(contentsOf: chunk)
                if out.count > limit { throw Inflated() }
            }
        } catch {
            throw InputError(
                "workbook-unreadable",
                "the workbook's part \(path) cannot be read (the file is damaged): save it again from the spreadsheet",
                at: .start(of: file))
        }
        return out
    }

    struct Inflated: Error {}
}
