internal import Foundation
package import HorizonModel
internal import ZIPFoundation

/// A ZIP archive built in memory with ZIPFoundation, deterministic: entries in the order given,
/// each dated 1980-01-01 00:00 (the first date a ZIP can hold; ZIPFoundation turns a date into
/// the ZIP's fields in UTC, so the time zone never changes the bytes), deflated.
package enum ZIPPackage {
    static let fixedDate = Date(timeIntervalSince1970: 315_532_800)

    /// Packs files into a ZIP archive.
    ///
    /// - Parameter entries: Each entry's path and bytes, in order.
    /// - Returns: The archive's bytes.
    /// - Throws: `InputError` when ZIPFoundation cannot build it (it never touches the disk).
    package static func pack(_ entries: [(path: String, bytes: [UInt8])]) throws(InputError) -> [UInt8] {
        do {
            let archive = try Archive(accessMode: .create)
            for entry in entries {
                let data = Data(entry.bytes)
                try archive.addEntry(
                    with: entry.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw ArchiveUnavailable() }
            return [UInt8](data)
        } catch {
            throw InputError("unwritable-output", "the Word document could not be assembled: \(error)", at: .start(of: "(in memory)"))
        }
    }

    struct ArchiveUnavailable: Error {}
}
