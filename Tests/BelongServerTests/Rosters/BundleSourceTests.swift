import BelongCore
import Foundation
import Testing
import ZIPFoundation
@testable import BelongServer

@Suite("Reading uploaded files")
struct BundleSourceTests {
    static func zip(_ entries: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }

    static func table(_ text: String) throws -> CSVTable {
        try CSVFileReader.read(data: Data(text.utf8), fileName: "t.csv")
    }

    @Test("CSV: a byte-order mark, CRLF, quoted commas, doubled quotes and line breaks, with exact line numbers")
    func csvQuirks() throws {
        let text = "\u{FEFF}id,name,note\r\n1,\"Okafor, Amara\",\"said \"\"hi\"\"\"\r\n2,Zhou,\"two\r\nlines\"\r\n\r\n3,Nguyen,last"
        let table = try Self.table(text)
        #expect(table.header == ["id", "name", "note"], "the BOM is not part of the first column's name")
        #expect(table.records.map(\.line) == [2, 3, 6], "the blank line is skipped and a two-line field counts two lines")
        #expect(table.records[0].values == ["1", "Okafor, Amara", "said \"hi\""])
        #expect(table.records[1].values[2].contains("lines"))
        #expect(table.records[2].values == ["3", "Nguyen", "last"], "no newline at the end of the file is fine")
    }

    @Test("CSV: a quote that never closes is reported, not swallowed")
    func unclosedQuote() {
        #expect(throws: CSVFileReader.Failure.self) {
            try Self.table("id,name,note\n1,Ana,ok\n2,\"Ben,never closed\n3,Cy,x\n4,Di,y\n")
        }
    }

    @Test("zips: files are read from the top or from one folder, whatever the case of their names")
    func zipLayout() throws {
        let data = try Self.zip([("export/orgs.csv", Data("sourcedId,name,type\n1,A,school\n".utf8)), ("export/Users.CSV", Data("sourcedId\n".utf8))])
        let tables = try BundleSource.zipTables(data: data)
        #expect(Set(tables.keys) == ["orgs.csv", "Users.CSV"])
        let (canonical, problems) = OneRosterReader.canonicalize(Array(tables.keys))
        #expect(canonical["users.csv"] == "Users.CSV")
        #expect(problems.contains { $0.reason.contains("read as users.csv") })
    }

    @Test("zips: entries that climb out of the folder or start at the root are refused", arguments: ["../orgs.csv", "/etc/orgs.csv", "a/../../orgs.csv"])
    func unsafePaths(path: String) throws {
        let data = try Self.zip([(path, Data("sourcedId\n".utf8))])
        #expect(throws: BundleSource.Failure.unsafePath(path)) { try BundleSource.zipTables(data: data) }
    }

    @Test("zips: more than 50 files are refused")
    func tooManyFiles() throws {
        let data = try Self.zip((0..<51).map { ("f\($0).csv", Data("a\n".utf8)) })
        #expect(throws: BundleSource.Failure.tooManyFiles(51)) { try BundleSource.zipTables(data: data) }
    }

    @Test("zips: a small zip that unpacks to more than the limit (a zip bomb) is refused before it fills the disk")
    func zipBomb() throws {
        let huge = Data(repeating: UInt8(ascii: "0"), count: 4 * 1024 * 1024)
        let data = try Self.zip([("users.csv", huge)])
        #expect(data.count < 100_000, "it compresses to almost nothing")
        #expect(throws: BundleSource.Failure.tooLarge(cap: 1024 * 1024)) {
            try BundleSource.zipTables(data: data, limits: .init(maxUncompressedBytes: 1024 * 1024))
        }
    }

    @Test("zips: one that unpacks to more than a hundred times its size is refused after 32 MB, not 2 GB")
    func ratio() throws {
        var rows = Data("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,givenName,familyName\n".utf8)
        let row = Data("u-1,active,2026-01-01,true,s-1,student,u1,Ann,Lee\n".utf8)
        while rows.count < 40 * 1024 * 1024 { rows.append(row) }
        let data = try Self.zip([("users.csv", rows)])
        #expect(data.count < 400_000, "\(data.count) bytes pack 40 MB")
        #expect(throws: BundleSource.Failure.tooLarge(cap: 32 * 1024 * 1024)) { try BundleSource.zipTables(data: data) }
        // The bound scales with the zip: a large real roster packs far less tightly and still opens.
        #expect(BundleSource.Limits().cap(packed: 5 * 1024 * 1024) == 500 * 1024 * 1024)
        #expect(BundleSource.Limits().cap(packed: 50 * 1024 * 1024) == 2 * 1024 * 1024 * 1024)
    }

    @Test("a CSV with more rows than any district's roster is refused as it is read")
    func tooManyRows() throws {
        let csv = Data(("sourcedId\n" + String(repeating: "x\n", count: 11)).utf8)
        #expect(throws: CSVFileReader.Failure.self) { try CSVFileReader.read(stream: InputStream(data: csv), fileName: "users.csv", maxRecords: 10) }
        #expect(try CSVFileReader.read(stream: InputStream(data: csv), fileName: "users.csv", maxRecords: 11).records.count == 11)
    }

    @Test("anything that is not a zip says so")
    func notAZip() {
        #expect(throws: BundleSource.Failure.notAZip) { try BundleSource.zipTables(data: Data("hello".utf8)) }
    }
}

@Suite("Real-world OneRoster bundles", .enabled(if: !FixturePaths.sharedBundles.isEmpty, "../shared/fixtures/oneroster is not beside this checkout"))
struct SharedFixtureTests {
    @Test("each bundle imports, or is refused with per-row messages that name its quirk", arguments: FixturePaths.sharedBundles)
    func bundle(name: String) async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let report = try await ImportTests.run(database, .path(FixturePaths.shared.appendingPathComponent(name).path))
            #expect(report.applied || !report.errors.isEmpty)
            for problem in report.errors {
                #expect(!problem.reason.isEmpty)
                #expect(problem.line != nil || problem.file.hasSuffix(".csv"), "\(problem)")
            }
            if !report.applied {
                #expect(try await ImportTests.count(database, "students") == 0, "a refused bundle changes nothing")
            }
            let text = report.errors.map(\.description).joined(separator: "\n") + report.warnings.map(\.description).joined(separator: "\n")
            // The quirks each bundle's README lists.
            switch name {
            case let bundle where bundle.hasPrefix("oat-sa"):
                #expect(text.contains("column userId: read as 'userIds'"))
                #expect(text.contains("column agents: read as 'agentSourcedIds'"))
                #expect(text.contains("ext_imagineLearning_databaseId"))
            case let bundle where bundle.contains("v1p2_full_dataset"):
                #expect(text.contains("prefferedGivenName: read as 'preferredGivenName'"))
                #expect(text.contains("value '1/05/2023': not an ISO 8601"))
                #expect(text.contains("userprofiles.csv: read as userProfiles.csv"))
                #expect(text.contains("dataLastModified: read as 'dateLastModified'"))
                #expect(text.contains("empty header"))
            case let bundle where bundle.contains("Test_full_data_set"):
                #expect(text.contains("department"))
                #expect(text.contains("orgs.csv line 2, column parentSourcedId, value 'org-sch-222-3456'"))
            case let bundle where bundle.contains("oneroster_test_data"):
                // Its only student has no grade, and neither has their class: imported, and named on the preview.
                #expect(report.applied, "\(report.errors)")
                #expect(text.contains("users.csv line 2, column grades: grade not given"))
                #expect(try await ImportTests.count(database, "students") == 1)
            default:
                break
            }
        }
    }

    @Test("with valid rows only, what can be imported is, and a second run changes nothing", arguments: FixturePaths.sharedBundles)
    func validRowsOnly(name: String) async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let path = FixturePaths.shared.appendingPathComponent(name).path
            let first = try await ImportTests.run(database, .path(path), validRowsOnly: true)
            #expect(first.applied)
            let second = try await ImportTests.run(database, .path(path), validRowsOnly: true)
            for (table, counts) in second.counts {
                #expect(counts.added == 0 && counts.updated == 0, "\(name) \(table): \(counts)")
            }
        }
    }
}
