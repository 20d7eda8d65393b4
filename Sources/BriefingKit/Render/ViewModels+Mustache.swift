import Mustache

// Mustache looks values up through `MustacheParent` when a type offers it, and by reflection
// (Mirror) otherwise; reflection was a fifth of the build's time on a thousand briefings.

extension SiteView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "description": description
        case "language": language
        case "author": author
        case "params": params
        default: nil
        }
    }
}

extension NavItemView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "href": href
        case "current": current
        default: nil
        }
    }
}

extension BriefingSummaryView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "href": href
        case "dateLabel": dateLabel
        case "dateISO": dateISO
        case "author": author
        case "summary": summary
        case "authorHref": authorHref
        default: nil
        }
    }
}

extension EntityLinkView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "slug": slug
        case "href": href
        case "kind": kind
        case "kindLabel": kindLabel
        case "role": role
        case "mentionCount": mentionCount
        case "count": count
        default: nil
        }
    }
}

extension EntityGroupView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "kind": kind
        case "kindLabel": kindLabel
        case "count": count
        case "entities": entities
        default: nil
        }
    }
}

extension EventView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "dateLabel": dateLabel
        case "dateEDTF": dateEDTF
        case "approximate": approximate
        case "text": text
        case "href": href
        case "timelineHref": timelineHref
        case "sourceTitle": sourceTitle
        case "entities": entities
        case "kinds": kinds
        case "slugs": slugs
        default: nil
        }
    }
}

extension YearView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "year": year
        case "events": events
        default: nil
        }
    }
}

extension BriefingView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "author": author
        case "publisher": publisher
        case "dateLabel": dateLabel
        case "dateISO": dateISO
        case "summary": summary
        case "readingMinutes": readingMinutes
        case "tags": tags
        case "bodyHTML": bodyHTML
        case "hasAnnotations": hasAnnotations
        case "entityGroups": entityGroups
        case "events": events
        case "authorHref": authorHref
        case "tagLinks": tagLinks
        case "related": related
        case "eventCount": eventCount
        case "hasMoreEvents": hasMoreEvents
        default: nil
        }
    }
}

extension MentionView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "contextHTML": contextHTML
        case "href": href
        default: nil
        }
    }
}

extension MentionGroupView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "briefingTitle": briefingTitle
        case "briefingHref": briefingHref
        case "mentions": mentions
        case "dateLabel": dateLabel
        case "dateISO": dateISO
        case "count": count
        case "moreCount": moreCount
        case "hasMore": hasMore
        case "continued": continued
        default: nil
        }
    }
}

extension QuoteView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "text": text
        case "sourceTitle": sourceTitle
        case "href": href
        default: nil
        }
    }
}

extension LinkView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "href": href
        default: nil
        }
    }
}

extension EntityView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "slug": slug
        case "kind": kind
        case "kindLabel": kindLabel
        case "role": role
        case "aliases": aliases
        case "dateLabel": dateLabel
        case "summaryHTML": summaryHTML
        case "mentionCount": mentionCount
        case "mentionGroups": mentionGroups
        case "events": events
        case "related": related
        case "quotes": quotes
        case "backlinks": backlinks
        case "hasMentions": hasMentions
        case "hasEvents": hasEvents
        case "hasRelated": hasRelated
        case "hasQuotes": hasQuotes
        case "hasBacklinks": hasBacklinks
        case "documentCount": documentCount
        case "documentLabel": documentLabel
        case "firstMention": firstMention
        case "lastMention": lastMention
        case "mentionsHref": mentionsHref
        case "hasMoreMentions": hasMoreMentions
        case "eventCount": eventCount
        case "quoteCount": quoteCount
        case "backlinkCount": backlinkCount
        case "hasMoreEvents": hasMoreEvents
        case "eventYears": eventYears
        default: nil
        }
    }
}

extension PageView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "bodyHTML": bodyHTML
        default: nil
        }
    }
}

extension RelatedBriefingView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "href": href
        case "dateLabel": dateLabel
        case "dateISO": dateISO
        case "shared": shared
        default: nil
        }
    }
}

extension TermView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "href": href
        case "count": count
        default: nil
        }
    }
}

extension PaginationView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "number": number
        case "count": count
        case "isPaginated": isPaginated
        case "previousHref": previousHref
        case "nextHref": nextHref
        case "pages": pages
        default: nil
        }
    }
}

extension PageLinkView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "number": number
        case "href": href
        case "current": current
        case "gap": gap
        default: nil
        }
    }
}

extension YearSummaryView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "year": year
        case "href": href
        case "count": count
        case "countLabel": countLabel
        case "percent": percent
        case "topEntities": topEntities
        default: nil
        }
    }
}

extension PeriodView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "count": count
        case "years": years
        default: nil
        }
    }
}

// Text and numbers print as themselves. Saying so up front spares swift-mustache its fallback
// for other values on every `{{value}}`: casts to a lambda and to an optional, then
// `String(describing:)` through more casts (casts were a third of its time).
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}
