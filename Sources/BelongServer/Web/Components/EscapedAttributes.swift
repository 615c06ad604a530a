import Plot

/// Plot 0.14 writes an attribute's value between quotes as it is, so a name, a search or a code with a
/// quote in it would end the attribute and start markup of its own. Every attribute modifier Plot offers
/// that takes text is declared again here with the same signature; inside this module these shadow
/// Plot's, so every view's attribute values pass through `escapedAttribute` — one place, no view can
/// forget it. `AttributeEscapingTests` checks each one and renders every page with hostile input.
enum AttributeText {
    /// The value as it may stand between double quotes: `& " ' < >` as character references.
    static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "&" || $0 == "\"" || $0 == "'" || $0 == "<" || $0 == ">" }) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    static func escape(_ value: String?) -> String? { value.map(escape) }
    static func escape(_ url: URLRepresentable) -> String { escape(url.description) }

    /// Every modifier above given `value`, resolved the way views resolve them (tests check the output).
    static func specimen(_ value: String) -> String {
        let v = value
        let global: Node<HTML.BodyContext> = .div(.id(v), .class(v), .title(v), .data(named: "x", value: v), .style(v), .ariaLabel(v), .ariaControls(v),
                                                  .attribute(named: "aria-describedby", value: v))
        let link: Node<HTML.BodyContext> = .a(.href(v), .text(v))
        let input: Node<HTML.FormContext> = .input(.name(v), .value(v), .placeholder(v), .attribute(named: "pattern", value: v))
        let textarea: Node<HTML.FormContext> = .textarea(.name(v), .placeholder(v))
        let form: Node<HTML.BodyContext> = .form(.action(v), input, textarea)
        let option: Node<HTML.SelectContext> = .option(.value(v), .label(v))
        let others: [Node<HTML.BodyContext>] = [.label(.for(v)), .select(option), .img(.src(v), .alt(v)), .time(.datetime(v)), .button(.value(v), .name(v))]
        let head: Node<HTML.HeadContext> = .meta(.property(v), .content(v))
        return HTML(.head(head), .body(global, link, form, .group(others))).render()
    }
}

// MARK: - Custom attributes

extension Node {
    static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
        .attribute(Attribute(name: name, value: AttributeText.escape(value), ignoreIfValueIsEmpty: ignoreIfValueIsEmpty))
    }
}

extension Attribute {
    static func attribute(named name: String, value: String?) -> Self {
        Attribute(name: name, value: AttributeText.escape(value))
    }
}

// MARK: - Global attributes

extension Attribute where Context: HTMLContext {
    static func id(_ id: String) -> Attribute { .attribute(named: "id", value: id) }
    static func `class`(_ className: String) -> Attribute { .attribute(named: "class", value: className) }
    static func data(named name: String, value: String) -> Attribute { .attribute(named: "data-" + name, value: value) }
    static func title(_ title: String) -> Attribute { .attribute(named: "title", value: title) }
}

extension Node where Context: HTMLContext {
    static func id(_ id: String) -> Node { .attribute(named: "id", value: id) }
    static func `class`(_ className: String) -> Node { .attribute(named: "class", value: className) }
    static func data(named name: String, value: String) -> Node { .attribute(named: "data-" + name, value: value) }
    static func title(_ title: String) -> Node { .attribute(named: "title", value: title) }
}

extension Node where Context: HTMLStylableContext {
    static func style(_ css: String) -> Node { .attribute(named: "style", value: css) }
}

extension Node where Context: HTML.BodyContext {
    static func ariaLabel(_ label: String) -> Node { .attribute(named: "aria-label", value: label) }
    static func ariaControls(_ child: String) -> Node { .attribute(named: "aria-controls", value: child) }
}

// MARK: - Names, values, types

extension Attribute where Context: HTMLNamableContext {
    static func name(_ name: String) -> Attribute { .attribute(named: "name", value: name) }
}

extension Node where Context: HTMLNamableContext {
    static func name(_ name: String) -> Node { .attribute(named: "name", value: name) }
}

extension Attribute where Context: HTMLValueContext {
    static func value(_ value: String) -> Attribute { .attribute(named: "value", value: value) }
}

extension Node where Context: HTMLValueContext {
    static func value(_ value: String) -> Node { .attribute(named: "value", value: value) }
}

extension Attribute where Context: HTMLTypeContext {
    static func type(_ type: String) -> Attribute { .attribute(named: "type", value: type) }
}

// MARK: - Links and sources

extension Attribute where Context: HTMLLinkableContext {
    static func href(_ url: URLRepresentable) -> Attribute { .attribute(named: "href", value: url.description) }
}

extension Node where Context: HTMLLinkableContext {
    static func href(_ url: URLRepresentable) -> Node { .attribute(named: "href", value: url.description) }
}

extension Attribute where Context: HTMLSourceContext {
    static func src(_ url: URLRepresentable) -> Attribute { .attribute(named: "src", value: url.description) }
}

extension Node where Context: HTMLSourceContext {
    static func src(_ url: URLRepresentable) -> Node { .attribute(named: "src", value: url.description) }
}

extension Attribute where Context == HTML.ObjectContext {
    static func data(_ url: URLRepresentable) -> Attribute { .attribute(named: "data", value: url.description) }
}

extension Node where Context == HTML.ObjectContext {
    static func data(_ url: URLRepresentable) -> Node { .attribute(named: "data", value: url.description) }
}

extension Attribute where Context: HTMLIntegrityContext {
    static func integrity(_ hash: String) -> Attribute { .attribute(named: "integrity", value: hash) }
}

extension Node where Context: HTMLIntegrityContext {
    static func integrity(_ hash: String) -> Node { .attribute(named: "integrity", value: hash) }
}

extension Attribute where Context == HTML.LinkContext {
    static func sizes(_ sizes: String) -> Attribute { .attribute(named: "sizes", value: sizes) }
    static func color(_ color: String) -> Attribute { .attribute(named: "color", value: color) }
}

extension Attribute where Context == HTML.PictureSourceContext {
    static func srcset(_ set: String) -> Attribute { .attribute(named: "srcset", value: set) }
    static func media(_ query: String) -> Attribute { .attribute(named: "media", value: query) }
    static func type(_ type: String) -> Attribute { .attribute(named: "type", value: type) }
}

extension Attribute where Context == HTML.ImageContext {
    static func alt(_ text: String) -> Attribute { .attribute(named: "alt", value: text) }
}

extension Attribute where Context == HTML.IFrameContext {
    static func allow(_ features: String...) -> Attribute { .attribute(named: "allow", value: features.joined(separator: "; ")) }
}

// MARK: - Forms

extension Node where Context == HTML.FormContext {
    static func action(_ url: URLRepresentable) -> Node { .attribute(named: "action", value: url.description) }
}

extension Node where Context == HTML.LabelContext {
    static func `for`(_ target: String) -> Node { .attribute(named: "for", value: target) }
}

extension Attribute where Context == HTML.InputContext {
    static func placeholder(_ placeholder: String) -> Attribute { .attribute(named: "placeholder", value: placeholder) }
}

extension Node where Context == HTML.TextAreaContext {
    static func placeholder(_ placeholder: String) -> Node { .attribute(named: "placeholder", value: placeholder) }
}

extension Attribute where Context == HTML.OptionContext {
    static func label(_ label: String) -> Attribute { .attribute(named: "label", value: label) }
}

// MARK: - Document head and time

extension Attribute where Context == HTML.MetaContext {
    static func property(_ property: String) -> Attribute { .attribute(named: "property", value: property) }
    static func content(_ content: String) -> Attribute { .attribute(named: "content", value: content) }
}

extension Node where Context == HTML.TimeContext {
    static func datetime(_ datetime: String) -> Node { .attribute(named: "datetime", value: datetime) }
}
