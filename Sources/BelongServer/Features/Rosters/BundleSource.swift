import BelongCore
import Foundation
import ZIPFoundation

/// Where an uploaded roster comes from — a folder, a zip, or single CSV files — and its files read
/// into tables. Zips are opened defensively: no absolute paths or `..`, at most 50 files, and no more
/// unpacked than a real roster needs — 100 times the zip's own size (CSV rosters pack 5–20 to one; a zip
/// bomb packs hundreds), at least 32 MB, at most 2 GB — counted as the bytes come out rather than
/// trusted from the headers, so a bomb is refused after a few megabytes of work.
enum BundleSource {
    /// How much a zip may hold; tests lower the byte limit to check the guard without writing gigabytes.
    struct Limits: Sendable {
        var maxEntries = 50
        var maxUncompressedBytes: UInt64 = 2 * 1024 * 1024 * 1024
        /// Unpacked bytes allowed per packed byte.
        var maxRatio: UInt64 = 100
        /// What any zip may unpack to, however small it is.
        var ratioFloorBytes: UInt64 = 32 * 1024 * 1024

        /// The most a zip of `packed` bytes may unpack to.
        func cap(packed: UInt64) -> UInt64 {
            min(maxUncompressedBytes, max(ratioFloorBytes, packed.multipliedReportingOverflow(by: maxRatio).partialValue))
        }
    }

    static let maxEntries = Limits().maxEntries

    enum Failure: Error, Equatable, CustomStringConvertible {
        case notFound(String)
        case notAZip
        case unsafePath(String)
        case tooManyFiles(Int)
        case tooLarge(cap: UInt64)
        case noCSV
        case nestedFolders([String])

        var description: String {
            switch self {
            case .notFound(let path): "\(path) does not exist"
            case .notAZip: "the file is not a zip archive"
            case .unsafePath(let path): "the zip holds an entry with an unsafe path ('\(path)'); it was not opened"
            case .tooManyFiles(let count): "the zip holds \(count) files; a roster bundle has at most \(BundleSource.maxEntries)"
            case .tooLarge(let cap):
                "the zip unpacks to more than \(cap / 1_048_576) MB, more than a roster of its size holds (rosters pack at most \(Limits().maxRatio) to one); it was not opened"
            case .noCSV: "no CSV file was found"
            case .nestedFolders(let folders): "CSV files are in several folders (\(folders.joined(separator: ", "))); put the bundle's files in one folder"
            }
        }
    }

    /// An upload's CSV files on disk, read one at a time; `close()` removes what unpacking a zip left behind.
    struct Opened: Sendable {
        let files: CSVFileSet
        let scratch: URL?

        func close() {
            if let scratch { try? FileManager.default.removeItem(at: scratch) }
        }
    }

    /// The CSV files of a folder, a single CSV file or a zip.
    static func open(path: String, limits: Limits = Limits()) throws -> Opened {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw Failure.notFound(path) }
        if isDirectory.boolValue {
            let url = URL(fileURLWithPath: path)
            let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.lowercased().hasSuffix(".csv") }
            guard !names.isEmpty else { throw Failure.noCSV }
            return Opened(files: onDisk(Dictionary(uniqueKeysWithValues: names.map { ($0, url.appendingPathComponent($0)) })), scratch: nil)
        }
        if path.lowercased().hasSuffix(".csv") {
            let name = (path as NSString).lastPathComponent
            return Opened(files: onDisk([name: URL(fileURLWithPath: path)]), scratch: nil)
        }
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch { throw Failure.notAZip }
        let packed = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value ?? 0
        return try unpack(archive, cap: limits.cap(packed: packed), limits: limits)
    }

    static func open(zip data: Data, limits: Limits = Limits()) throws -> Opened {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw Failure.notAZip }
        return try unpack(archive, cap: limits.cap(packed: UInt64(data.count)), limits: limits)
    }

    static func onDisk(_ files: [String: URL]) -> CSVFileSet {
        CSVFileSet(names: Array(files.keys)) { name in
            guard let url = files[name] else { throw Failure.notFound(name) }
            return try CSVFileReader.read(url: url, fileName: name)
        }
    }

    /// Every CSV of a zip read at once (tests and small uploads).
    static func zipTables(data: Data, limits: Limits = Limits()) throws -> [String: CSVTable] {
        let opened = try open(zip: data, limits: limits)
        defer { opened.close() }
        var tables: [String: CSVTable] = [:]
        for name in opened.files.names { tables[name] = try opened.files.load(name) }
        return tables
    }

    /// Checks a zip's entries, then unpacks its CSV files into a scratch folder to be read one by one.
    static func unpack(_ archive: Archive, cap: UInt64, limits: Limits) throws -> Opened {
        let entries = Array(archive)
        guard entries.count <= limits.maxEntries else { throw Failure.tooManyFiles(entries.count) }
        var declared: UInt64 = 0
        for entry in entries {
            let path = entry.path
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.hasPrefix("/") || path.hasPrefix("\\") || parts.contains("..") || path.contains("\\..") || path.contains(":") {
                throw Failure.unsafePath(path)
            }
            declared += entry.uncompressedSize
        }
        guard declared <= cap else { throw Failure.tooLarge(cap: cap) }
        let csvEntries = entries.filter {
            $0.type == .file && $0.path.lowercased().hasSuffix(".csv") && !$0.path.hasPrefix("__MACOSX/") && !($0.path as NSString).lastPathComponent.hasPrefix("._")
        }
        guard !csvEntries.isEmpty else { throw Failure.noCSV }
        let folders = Set(csvEntries.map { ($0.path as NSString).deletingLastPathComponent })
        guard folders.count == 1 else { throw Failure.nestedFolders(folders.sorted()) }

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("belong-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var extracted: UInt64 = 0
        var files: [String: URL] = [:]
        do {
            for entry in csvEntries {
                let name = (entry.path as NSString).lastPathComponent
                let target = scratch.appendingPathComponent(UUID().uuidString + ".csv")
                FileManager.default.createFile(atPath: target.path, contents: nil)
                guard let handle = FileHandle(forWritingAtPath: target.path) else { throw Failure.noCSV }
                do {
                    _ = try archive.extract(entry, skipCRC32: false) { chunk in
                        extracted += UInt64(chunk.count)
                        // Headers can lie about sizes; count what actually comes out.
                        if extracted > cap { throw Failure.tooLarge(cap: cap) }
                        handle.write(chunk)
                    }
                    try handle.close()
                } catch {
                    try? handle.close()
                    throw error
                }
                files[name] = target
            }
        } catch {
            try? FileManager.default.removeItem(at: scratch)
            throw error
        }
        return Opened(files: onDisk(files), scratch: scratch)
    }
}

extension BundleSource {
    /// Packs uploaded CSV files into one zip, so every upload is kept (until confirmed) in one form.
    static func zip(_ files: [String: Data]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, data) in files.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let packed = archive.data else { throw Failure.notAZip }
        return packed
    }
}
