import BelongCore
import Plot

/// Accessible form pieces: every field has a visible label, its hint and error are announced with
/// it (aria-describedby), and a form with errors opens with a summary that links to each.
enum Forms {
    struct Field {
        let name: String
        let label: String
        var type: HTMLInputType = .text
        var value: String = ""
        var hint: String?
        var error: String?
        var autocomplete: String?
        var required = true
        /// Latin letters and digits whatever the page's direction (codes, resume words on an Arabic page).
        var leftToRight = false
    }

    static func csrf(_ token: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(FormProtectionMiddleware.fieldName), .value(token))
    }

    static func input(_ field: Field) -> Node<HTML.FormContext> {
        let id = "field-\(field.name)"
        let described = [field.hint.map { _ in "\(id)-hint" }, field.error.map { _ in "\(id)-error" }].compactMap { $0 }
        return .div(
            .class(field.error == nil ? "field" : "field field--error"),
            .label(.for(id), .text(field.label)),
            .unwrap(field.hint) { .div(.id("\(id)-hint"), .class("field__hint"), .text($0)) },
            .unwrap(field.error) { .div(.id("\(id)-error"), .class("field__error"), .text($0)) },
            .input(
                .id(id), .name(field.name), .type(field.type), .value(field.value),
                .required(field.required),
                .unwrap(field.autocomplete) { .attribute(named: "autocomplete", value: $0) },
                .if(field.leftToRight, .attribute(named: "dir", value: "ltr")),
                .if(!described.isEmpty, .attribute(named: "aria-describedby", value: described.joined(separator: " "))),
                .if(field.error != nil, .attribute(named: "aria-invalid", value: "true"))
            )
        )
    }

    struct Option: Sendable {
        let value: String
        let label: String
    }

    static func select(name: String, label: String, options: [Option], selected: String?, hint: String? = nil, error: String? = nil) -> Node<HTML.FormContext> {
        let id = "field-\(name)"
        return .div(
            .class(error == nil ? "field" : "field field--error"),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .div(.id("\(id)-hint"), .class("field__hint"), .text($0)) },
            .unwrap(error) { .div(.id("\(id)-error"), .class("field__error"), .text($0)) },
            .select(
                .attribute(named: "id", value: id), .attribute(named: "name", value: name),
                .if(hint != nil || error != nil, .attribute(named: "aria-describedby", value: [hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-error" }].compactMap { $0 }.joined(separator: " "))),
                .forEach(options) { option in
                    // Plot's <option> carries its text in a label attribute; a real text node reads better everywhere.
                    .element(named: "option", nodes: [
                        .attribute(named: "value", value: option.value, ignoreIfValueIsEmpty: false),
                        .if(option.value == selected, .attribute(named: "selected")),
                        .text(option.label),
                    ])
                }
            )
        )
    }

    static func checkbox(name: String, label: String, checked: Bool, hint: String? = nil) -> Node<HTML.FormContext> {
        let id = "field-\(name)"
        return .div(
            .class("field field--checkbox"),
            .input(.id(id), .name(name), .type(.checkbox), .value("yes"), .checked(checked),
                   .unwrap(hint) { _ in .attribute(named: "aria-describedby", value: "\(id)-hint") }),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .div(.id("\(id)-hint"), .class("field__hint"), .text($0)) }
        )
    }

    /// A box at the top of a form listing what to fix, each a link to its field.
    static func errorSummary(title: String, errors: [(field: String, message: String)]) -> Node<HTML.BodyContext> {
        .if(!errors.isEmpty, .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
            .h2(.text(title)),
            .ul(.forEach(errors) { error in .li(.a(.href("#field-\(error.field)"), .text(error.message))) })
        ))
    }

    static func submit(_ label: String, name: String? = nil, value: String? = nil, secondary: Bool = false) -> Node<HTML.FormContext> {
        .button(
            .type(.submit), .class(secondary ? "button button--secondary" : "button"),
            .unwrap(name) { .name($0) }, .unwrap(value) { .value($0) },
            .text(label)
        )
    }
}

/// Messages after an action ("User created"), announced politely to screen readers.
enum Notices {
    static func success(_ text: String?) -> Node<HTML.BodyContext> {
        .unwrap(text) { .div(.class("notice notice--success"), .attribute(named: "role", value: "status"), .p(.text($0))) }
    }

    static func warning(_ text: String) -> Node<HTML.BodyContext> {
        .div(.class("notice notice--warning"), .attribute(named: "role", value: "alert"), .p(.text(text)))
    }
}

extension Attribute {
    /// An attribute only when `condition` holds (Plot offers `.if` for nodes only).
    static func `if`(_ condition: Bool, _ attribute: Attribute) -> Attribute {
        condition ? attribute : .empty
    }
}

extension Forms {
    /// A group of checkboxes (several may be chosen) or radio buttons (one), under one legend.
    static func choices(name: String, legend: String, options: [Option], chosen: Set<String>, multiple: Bool, hint: String? = nil,
                        error: String? = nil) -> Node<HTML.FormContext> {
        let id = "field-\(name)"
        return .fieldset(
            .id(id), .class(error == nil ? "field" : "field field--error"),
            .if(hint != nil || error != nil, .attribute(named: "aria-describedby", value: [hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-error" }].compactMap { $0 }.joined(separator: " "))),
            .element(named: "legend", nodes: [.text(legend)]),
            .unwrap(hint) { .div(.id("\(id)-hint"), .class("field__hint"), .text($0)) },
            .unwrap(error) { .div(.id("\(id)-error"), .class("field__error"), .text($0)) },
            .forEach(options.enumerated()) { index, option in
                .div(
                    .class(multiple ? "field field--checkbox" : "field field--radio"),
                    .input(.id("\(id)-\(index)"), .name(name), .type(multiple ? .checkbox : .radio), .value(option.value), .checked(chosen.contains(option.value))),
                    .label(.for("\(id)-\(index)"), .text(option.label))
                )
            }
        )
    }
}
