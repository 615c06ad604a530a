import BelongCore
import Plot

/// "You said, we did": one page for students, in plain words, about what they told their school.
struct YouSaidViewModel: Sendable {
    let chrome: PageChrome
    let heading: String
    let intro: String
    let said: [String]
    let goingWell: String?
    let workOn: String?
    let changes: [String]
    let withheld: String?
    let did: String
    /// The plan's actions done since the wave closed.
    var done: [String] = []
    /// For the staff who read this page before sharing it: what the library offers (not printed).
    var recommendations: RecommendationsViewModel? = nil
}

extension YouSaidViewModel {
    init(_ results: SchoolResults, chrome: PageChrome) {
        let t = chrome.t.preferring("student")
        self.chrome = chrome
        let figures = results.figures.value
        let audience = t("results.youSaid.audience.\(results.wave.respondents.kind)")
        heading = t("results.youSaid.heading", ["school": results.school.name])
        intro = figures.map { t("results.youSaid.intro", ["n": t.number($0.respondents), "who": audience, "wave": results.wave.title]) } ?? ""
        withheld = figures == nil ? t("results.youSaid.withheld") : nil
        let outOfTen = { (value: Double) in String(Int((value * 10).rounded())) }
        let name = { (id: String) in ResultsText.scaleName(id, in: results.instrument, chrome.t).lowercased() }
        var said: [String] = []
        for scale in figures?.scales ?? [] where ResultsLayout.feelings.contains(scale.id) {
            guard let value = scale.favourable.value?.value else { continue }
            said.append(t("results.youSaid.feeling.\(scale.id)", ["count": outOfTen(value)]))
        }
        if let figures, let trusted = results.layout.items.firstIndex(where: { $0.response == .yesno3 }), let value = figures.items[trusted].favourable.value?.value {
            said.append(t("results.youSaid.trusted", ["count": outOfTen(value)]))
        }
        if said.isEmpty, let figures {
            said = figures.scales.compactMap { scale in
                scale.favourable.value?.value.map { t("results.youSaid.scale", ["count": outOfTen($0), "scale": name(scale.id)]) }
            }
        }
        self.said = said
        goingWell = results.strongestScale.map { t("results.youSaid.goingWell", ["feeling": name($0.id)]) }
        workOn = results.weakestScale.map { t("results.youSaid.workOn", ["feeling": name($0.id)]) }
        let movement = results.movement
        changes = (figures?.scales ?? []).compactMap { scale in
            guard let change = movement.scale(scale.id), change.verdict != .noClearChange, let previous = results.previous else { return nil }
            return t("results.youSaid.change.\(change.verdict.rawValue)", ["feeling": name(scale.id), "wave": previous.wave.title])
        }
        did = t("results.youSaid.did")
    }
}

enum YouSaidView {
    static func render(_ model: YouSaidViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .div(
            .class("you-said"),
            .h1(.text(model.heading)),
            .unwrap(model.withheld) { .p(.class("lead"), .text($0)) },
            .if(model.withheld == nil, .group(
                .p(.class("lead"), .text(model.intro)),
                .h2(.text(t("results.youSaid.saidHeading"))),
                .ul(.class("you-said__list"), .forEach(model.said) { .li(.text($0)) }),
                .unwrap(model.goingWell) { .p(.text($0)) },
                .unwrap(model.workOn) { .p(.text($0)) },
                .if(!model.changes.isEmpty, .ul(.forEach(model.changes) { .li(.text($0)) })),
                .h2(.text(t("results.youSaid.didHeading"))),
                .if(model.done.isEmpty, .p(.text(model.did)), else: .group(
                    .p(.text(t("results.youSaid.didSince"))),
                    .ul(.class("you-said__list"), .forEach(model.done) { .li(.text($0)) })
                )),
                .unwrap(model.recommendations) { RecommendationsSection.render($0, t) }
            )),
            .p(.class("screen-only muted"), .text(t("results.print")))
        ))
    }
}
