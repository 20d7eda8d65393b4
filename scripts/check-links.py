#!/usr/bin/env python3
"""Checks every internal link and anchor of a built site.

usage: check-links.py OUTPUT_DIR
Every href/src that is not external must name an existing file (a folder needs index.html),
and every #fragment must be an id in the target page. Prints each broken link as
`page: broken link target (reason)`; exits 1 when there is any.
"""
import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) is not None and tag in ("a", "link", "script", "img", "source", "iframe"):
                self.links.append(attrs[key])


def main(root):
    root = os.path.abspath(root)
    pages = {}
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                parser = Page()
                with open(path, encoding="utf-8") as f:
                    parser.feed(f.read())
                pages[path] = parser
    broken = []
    checked = 0
    for path, page in sorted(pages.items()):
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            checked += 1
            if parts.path.startswith("/"):
                broken.append((path, link, "absolute path: links must be relative"))
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(path), unquote(parts.path))) if parts.path else path
            if not (target + os.sep).startswith(root + os.sep) and target != root:
                broken.append((path, link, "points outside the site"))
                continue
            if os.path.isdir(target):
                target = os.path.join(target, "index.html")
            if not os.path.isfile(target):
                broken.append((path, link, "no such file"))
                continue
            if parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                broken.append((path, link, "no such anchor"))
    for path, link, reason in broken:
        print(f"{os.path.relpath(path, root)}: broken link {link} ({reason})")
    print(f"checked {checked} internal links in {len(pages)} pages: {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
