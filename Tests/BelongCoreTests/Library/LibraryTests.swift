import Foundation
import Testing
@testable import BelongCore

@Suite("The library's data")
struct LibraryTests {
    @Test("the built-in library reads and passes every check: both languages, real strategies and measures, honest evidence")
    func builtIn() throws {
        let library = try Library.builtIn()
        #expect(library.resources.count >= 60, "the issue asks for at least 60")
        #expect(Set(library.resources.map(\.id)).count == library.resources.count)
        for strategy in Strategy.allCases {
            #expect(library.resources.contains { $0.strategies.contains(strategy) }, "nothing serves \(strategy)")
        }
        for measure in Resource.measureIds {
            #expect(library.resources.contains { $0.measures.contains(measure) }, "nothing serves \(measure)")
        }
        #expect(library["relationship-mapping"]?.kind == .practice)
        #expect(library["grantees-six-strategies-video"]?.minutes == 48)
        // The seed's own entries are there.
        for id in ["jcsh-positive-mental-health-toolkit", "schools-as-a-setting-for-positive-mental-health",
                   "school-connectedness-what-does-the-evidence-say", "teenage-brain-compassion-empathy"] {
            #expect(library[id] != nil, "\(id) is missing")
        }
    }

    @Test("links go only to a few publishers' own sites, over HTTPS; a reviewed rating always names its review")
    func honesty() throws {
        let library = try Library.builtIn()
        let hosts = Set(library.resources.compactMap(\.link).compactMap(\.host))
        #expect(hosts.isSubset(of: ["www.jcsh-cces.ca", "www.cdc.gov", "mcc.gse.harvard.edu", "www.pbis.org", "casel.org", "www.search-institute.org",
                                    "rootsofempathy.org", "www.oecd.org"]), "\(hosts)")
        for resource in library.resources where resource.evidence.level == .reviewed {
            #expect(resource.evidence.review?.isEmpty == false)
        }
    }

    @Test("a resource missing French, naming an unknown measure, a review it was not given or an http link is refused, each with its reason")
    func validation() throws {
        var resource = try #require(try Library.builtIn()["two-by-ten"])
        #expect(LibraryValidator.problems(in: resource).isEmpty)
        resource.summary["fr"] = " "
        resource.measures.append("happiness")
        resource.evidence.review = "A review we made up"
        resource.link = URL(string: "http://example.com/2x10")
        resource.id = "Two By Ten"
        let problems = LibraryValidator.problems(in: resource)
        #expect(problems.contains { $0.contains("no 'fr' summary") })
        #expect(problems.contains { $0.contains("'happiness' is not a measure") })
        #expect(problems.contains { $0.contains("only a reviewed resource names a review") })
        #expect(problems.contains { $0.contains("https") })
        #expect(problems.contains { $0.contains("lowercase letters") })
        var reviewed = try #require(try Library.builtIn()["relationship-mapping"])
        reviewed.evidence = .init(level: .reviewed, basis: reviewed.evidence.basis)
        #expect(LibraryValidator.problems(in: reviewed).contains { $0.contains("names the review") })
        #expect(LibraryValidator.problems(in: [reviewed, reviewed]).contains { $0.contains("used twice") })
    }

    @Test("a resource reads back as it was written, grades as OneRoster codes")
    func roundTrip() throws {
        let resource = try #require(try Library.builtIn()["advisory"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(resource)
        #expect(try JSONDecoder().decode(Resource.self, from: data) == resource)
        #expect(String(decoding: data, as: UTF8.self).contains(#""grades":{"from":"06","to":"12"}"#))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Resource.self, from: Data(String(decoding: data, as: UTF8.self)
                .replacingOccurrences(of: #""from":"06""#, with: #""from":"13""#).utf8))
        }
    }
}
