internal import CHorizonZlib
internal import HorizonKit
package import HorizonModel

/// The parts of an `.xlsx` (a ZIP archive), read from memory within bounds: the archive's
/// directory must lie inside the file (`ZIPBounds`), at most 1,000 entries, ZIP64 refused; a
/// part is inflated with zlib only up to 64 MiB (or 16 times the input limit) and 200 times its
/// compressed size, counted as it inflates, and an inflation that stops making progress ends.
///
/// Hand-written over zlib rather than read with ZIPFoundation (which writes the `.docx` and
/// `.xlsx` packages): ZIPFoundation 0.9.20's in-memory reader trapped on an archive whose
/// directory points past its end, and looped for ever on a deflate stream cut short — both found
/// by the xlsx fuzzer in its first minutes; neither can be caught from outside.
struct WorkbookArchive {
    struct Entry {
        var method: Int
        var compressed: Int
        var uncompressed: Int
        var data: Int
    }

    let bytes: [UInt8]
    let file: String
    let maxPart: Int
    var entries: [String: Entry] = [:]

    init(_ bytes: [UInt8], file: String, limits: ReadLimits) throws(InputError) {
        self.bytes = bytes
        self.file = file
        maxPart = min(64 << 20, max(limits.maxBytes, 1 << 20) * 16)
        guard let directory = ZIPBounds.entries(bytes) else {
            throw InputError(
                "workbook-unreadable",
                "the workbook cannot be opened (a damaged or incomplete .xlsx file): save it again from the spreadsheet",
                at: .start(of: file))
        }
        if directory.count > 1000 {
            throw InputError("workbook-unreadable", "the workbook holds more than 1000 parts, far more than a return", at: .start(of: file))
        }
        for entry in directory where entries[entry.name] == nil {
            entries[entry.name] = Entry(
                method: entry.method, compressed: entry.compressed, uncompressed: entry.uncompressed, data: entry.data)
        }
    }

    /// A part's bytes, or `nil` when the archive has no such part.
    func part(_ path: String) throws(InputError) -> [UInt8]? {
        guard let entry = entries[path] else { return nil }
        func damaged() -> InputError {
            InputError(
                "workbook-unreadable",
                "the workbook's part \(path) cannot be read (the file is damaged): save it again from the spreadsheet",
                at: .start(of: file))
        }
        let inflating = InputError(
            "workbook-unreadable", "the workbook's part \(path) would inflate beyond the limit: it is not a return", at: .start(of: file))
        if entry.uncompressed > maxPart || (entry.uncompressed > 1 << 20 && entry.uncompressed > 200 * max(entry.compressed, 1)) {
            throw inflating
        }
        let input = bytes[entry.data..<entry.data + entry.compressed]
        switch entry.method {
        case 0:
            return Array(input)
        case 8:
            return try inflate(
                Array(input), limit: min(maxPart, max(entry.compressed, 1 << 20) * 200), damaged: damaged(), tooBig: inflating)
        default:
            throw damaged()
        }
    }

    /// Inflates a raw deflate stream, stopping at `limit` bytes of output, at the stream's end,
    /// or when zlib makes no progress (a stream cut short).
    func inflate(_ input: [UInt8], limit: Int, damaged: InputError, tooBig: InputError) throws(InputError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw damaged }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var source = input
        let status: Int32 = source.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            while true {
                let produced: Int
                let result: Int32 = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    return CHorizonZlib.inflate(&stream, Z_NO_FLUSH)
                }
                produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { return Z_MEM_ERROR }
                if result == Z_STREAM_END { return Z_STREAM_END }
                if result != Z_OK { return result }
                // No input left and no output made: a stream cut short, which would never end.
                if produced == 0 && stream.avail_in == 0 { return Z_DATA_ERROR }
            }
        }
        if status == Z_MEM_ERROR { throw tooBig }
        guard status == Z_STREAM_END else { throw damaged }
        return output
    }
}
