/// A value of a free `params:` map (site.yml, briefings, pages, entities): whatever the editor
/// wrote, kept as written and handed to templates (`{{params.color}}`, `{{#params.links}}…`),
/// like Hugo's `.Params`. Briefing itself never reads it.
public indirect enum Param: Decodable, Sendable, Hashable {
    case text(String)
    case number(Int)
    case decimal(Double)
    case flag(Bool)
    case list([Param])
    case map([String: Param])
    case null

    public init(from decoder: Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var map: [String: Param] = [:]
            for key in keyed.allKeys { map[key.stringValue] = try keyed.decode(Param.self, forKey: key) }
            self = .map(map)
        } else if var unkeyed = try? decoder.unkeyedContainer() {
            var list: [Param] = []
            while !unkeyed.isAtEnd { list.append(try unkeyed.decode(Param.self)) }
            self = .list(list)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let flag = try? single.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? single.decode(Int.self) {
                self = .number(number)
            } else if let decimal = try? single.decode(Double.self), decimal.isFinite {
                self = .decimal(decimal)
            } else {
                self = .text(try single.decode(String.self))
            }
        }
    }

    /// The value as templates read it: text, numbers and Booleans, lists as arrays, maps as
    /// dictionaries (sections iterate them, dotted names reach into them); null as nothing.
    public var templateValue: Any {
        switch self {
        case .text(let text): text
        case .number(let number): number
        case .decimal(let decimal): decimal
        case .flag(let flag): flag
        case .list(let list): list.map(\.templateValue)
        case .map(let map): map.mapValues(\.templateValue)
        case .null: ""
        }
    }

    /// A whole `params:` map for templates (an empty one when none was written).
    public static func templateValue(of params: [String: Param]?) -> [String: Any] {
        (params ?? [:]).mapValues(\.templateValue)
    }

    /// Any key of a mapping.
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
