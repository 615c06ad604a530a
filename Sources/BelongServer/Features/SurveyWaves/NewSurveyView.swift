import BelongCore
import Plot

/// `/surveys/new`: a wave's settings, with up to five questions of the district's own.
struct NewSurveyViewModel: Sendable {
    struct Form: Sendable {
        struct CustomItem: Sendable {
            var english: String
            var french: String
            var scale: String
        }

        var title: String
        var instrument: String
        var gradeFrom: Int
        var gradeTo: Int
        var schools: [String]
        var opens: String
        var closes: String
        var mode: SurveyWave.Mode
        var languages: Set<BelongCore.Language>
        var minimumN: String
        var customItems: [CustomItem]
    }

    let chrome: PageChrome
    let form: Form
    let errors: [(field: String, message: String)]
    let instruments: [Forms.Option]
    let schools: [Forms.Option]
    /// Every language a wave may offer; a translation's label names the instruments it covers.
    let languages: [Forms.Option]
    let timeZone: String
    /// The district's minimum group size, the floor for this wave's.
    let minimumGroupSize: Int

    func error(_ field: String) -> String? { errors.first { $0.field == field }?.message }
}

extension NewSurveyViewModel.Form {
    /// What the person sent, kept as typed so a page with errors shows it again.
    init(_ fields: FormFields) {
        self.init(
            title: fields.text("title") ?? "", instrument: fields["instrument"] ?? "",
            gradeFrom: fields["gradeFrom"].flatMap(Int.init) ?? Grade.grade4.rawValue, gradeTo: fields["gradeTo"].flatMap(Int.init) ?? Grade.grade12.rawValue,
            schools: fields.values("schools"), opens: fields.text("opens") ?? "", closes: fields.text("closes") ?? "",
            mode: fields["mode"].flatMap(SurveyWave.Mode.init(rawValue:)) ?? .anonymous,
            languages: Set(fields.values("languages").compactMap(BelongCore.Language.init(anyCode:))), minimumN: fields.text("minimumN") ?? "",
            customItems: (0..<SurveyWave.maxCustomItems).map { index in
                .init(english: fields.text("custom-\(index)-en") ?? "", french: fields.text("custom-\(index)-fr") ?? "",
                      scale: fields["custom-\(index)-scale"] ?? ResponseScale.agree5.rawValue)
            }
        )
    }
}

enum NewSurveyView {
    static func render(_ model: NewSurveyViewModel) -> HTML {
        let t = model.chrome.t
        let form = model.form
        let grades = Grade.allCases.filter { $0 >= .kindergarten }.map { Forms.Option(value: String($0.rawValue), label: t.grade($0)) }
        return Layout.page(model.chrome, main: .group(
            .p(.a(.href(SiteURL.surveys.path), .text(t("surveys.back")))),
            .h1(.text(t("surveys.new.heading"))),
            Forms.errorSummary(title: t("form.errorsTitle"), errors: model.errors),
            .form(
                .method(.post), .action(SiteURL.surveys.path),
                Forms.csrf(model.chrome.formToken),
                Forms.input(.init(name: "title", label: t("surveys.new.name"), value: form.title, hint: t("surveys.new.nameHint"), error: model.error("title"))),
                Forms.select(name: "instrument", label: t("surveys.new.instrument"), options: model.instruments, selected: form.instrument,
                             hint: t("surveys.new.instrumentHint"), error: model.error("instrument")),
                .fieldset(
                    .element(named: "legend", nodes: [.text(t("surveys.new.grades"))]),
                    .p(.class("field__hint"), .text(t("surveys.new.gradesHint"))),
                    Forms.select(name: "gradeFrom", label: t("surveys.new.gradeFrom"), options: grades, selected: String(form.gradeFrom)),
                    Forms.select(name: "gradeTo", label: t("surveys.new.gradeTo"), options: grades, selected: String(form.gradeTo), error: model.error("gradeTo"))
                ),
                Forms.choices(name: "schools", legend: t("surveys.new.schools"), options: model.schools, chosen: Set(form.schools), multiple: true,
                              error: model.error("schools")),
                .fieldset(
                    .element(named: "legend", nodes: [.text(t("surveys.new.window"))]),
                    .p(.class("field__hint"), .text(t("surveys.new.windowHint", ["zone": model.timeZone]))),
                    Forms.input(.init(name: "opens", label: t("surveys.new.opens"), type: .date, value: form.opens, error: model.error("opens"))),
                    Forms.input(.init(name: "closes", label: t("surveys.new.closes"), type: .date, value: form.closes, error: model.error("closes")))
                ),
                Forms.choices(name: "mode", legend: t("surveys.new.mode"), options: SurveyWave.Mode.allCases.map {
                    .init(value: $0.rawValue, label: t("surveys.mode.\($0.rawValue)"))
                }, chosen: [form.mode.rawValue], multiple: false, hint: t("surveys.new.modeHint")),
                Forms.choices(name: "languages", legend: t("surveys.new.languages"), options: model.languages, chosen: Set(form.languages.map(\.code)), multiple: true, error: model.error("languages")),
                Forms.input(.init(name: "minimumN", label: t("surveys.new.minimumN"), type: .number, value: form.minimumN,
                                  hint: t("surveys.new.minimumNHint", ["n": t.number(model.minimumGroupSize)]), error: model.error("minimumN"))),
                .h2(.text(t("surveys.new.customHeading"))),
                .p(.class("field__hint"), .text(t("surveys.new.customHint"))),
                .forEach(0..<SurveyWave.maxCustomItems) { index in
                    let item = index < form.customItems.count ? form.customItems[index] : .init(english: "", french: "", scale: ResponseScale.agree5.rawValue)
                    return .fieldset(
                        .element(named: "legend", nodes: [.text(t("surveys.new.customItem", ["number": String(index + 1)]))]),
                        Forms.input(.init(name: "custom-\(index)-en", label: t("surveys.new.customEnglish"), value: item.english,
                                          error: model.error("custom-\(index)-en"), required: false)),
                        Forms.input(.init(name: "custom-\(index)-fr", label: t("surveys.new.customFrench"), value: item.french, required: false)),
                        Forms.select(name: "custom-\(index)-scale", label: t("surveys.new.customScale"), options: [ResponseScale.agree5, .yesno3, .openText].map {
                            .init(value: $0.rawValue, label: t("surveys.scale.\($0.rawValue)"))
                        }, selected: item.scale)
                    )
                },
                Forms.submit(t("surveys.new.submit"))
            )
        ))
    }
}
