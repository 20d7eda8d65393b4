#!/usr/bin/env python3
"""Writes Content/ of the hostile-input fixture from payloads.json (run it after editing the
payloads; the generated files are committed so the fixture can be read as it is).

Every free-text field of site.yml and of the front matter carries `<label> <payload>` with the
whole plain-text payload; Markdown bodies carry the payloads raw (raw HTML must be omitted, never
executed), inside code spans (must show verbatim) and as links with dangerous schemes."""
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
P = json.loads((HERE / "payloads.json").read_text())
TEXT = P["text"]
q = json.dumps  # a JSON string is a valid YAML double-quoted scalar


def field(label):
    return q(f"{label} {TEXT}")


def body_block(where):
    """Markdown a body may carry: raw payloads, payloads in code spans, hostile links."""
    lines = [f"{where} raw: " + " ".join(P["raw"]), ""]
    lines += [f"{where} code: " + " ".join("`` " + s + " ``" for s in P["code"]), ""]
    lines += [f"{where} mustache: " + P["mustache"], ""]
    lines += [f"{where} links: " + " ".join(P["links"]), ""]
    return "\n".join(lines)


def title(text):
    """A Markdown link title: every ASCII punctuation mark backslash-escaped, in double quotes."""
    return '"' + re.sub(r'([!-/:-@\[-`{-~])', r'\\\1', text) + '"'


def write(rel, text):
    path = HERE / "Content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


write("site.yml", f"title: {field('Site')}\ndescription: {field('Description')}\n"
      f"language: en\nauthor: {field('Desk')}\n"
      f"params: {{motto: {field('SiteParam')}, list: [{field('SiteParamItem')}]}}\n")
write("assets/pixel.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n')
write("entities/villain.md",
      f"---\nname: {field('Villain')}\nkind: person\n"
      f"aliases: [{field('Alias')}, {q(P['alias_ref'])}, Vil]\nrole: {field('Role')}\n"
      "related: [acme]\nurl: https://example.org/villain\n"
      f"params: {{note: {field('EntityParam')}}}\n---\n"
      f"## Entity heading {P['heading']}\n\n{body_block('Entity')}\n"
      "Works with [[acme|the firm]].\n")
write("entities/acme.md",
      f"---\nname: {field('Acme')}\nkind: organization\naliases: [Acme]\n---\n"
      f"A firm that [[villain|the villain]] runs. {P['mustache']}\n")
write("entities/summit.md",
      f"---\nname: {field('Summit')}\nkind: event\ndate: 2025-03-13\n---\nThe summit.\n")
write("pages/about.md",
      f"---\ntitle: {field('Page')}\nsummary: {field('PageSummary')}\n---\n"
      f"# Page heading {P['heading']}\n\n{body_block('Page')}\nAbout [[villain]].\n")
write("briefings/attack.md",
      f"---\ntitle: {field('Title')}\nauthor: {field('Author')}\ndate: 2025-03-31\n"
      f"publisher: {field('Publisher')}\nsummary: {field('Summary')}\n"
      f"tags: [{field('Tag')}, plain]\nparams: {{tagline: {field('BriefingParam')}}}\n---\n"
      f"## Heading {P['heading']}\n\n"
      f"[[villain|The villain]] met [[Acme]] at the [[summit]] on [[2025-03-13|March 13]] "
      f"and [[{P['alias_ref']}]] agreed.[^n1] Label: [[villain|{P['label']}]].\n\n"
      f"{body_block('Briefing')}\n"
      f"See [[page:about]], [[page:about|{P['label'].replace('`', '')}]] and [[briefing:attack]].\n\n"
      f"![Figure {P['label']}](../../assets/pixel.svg {title('Caption ' + TEXT)})\n\n"
      f"> [!WARNING]\n> Callout {P['heading']} `` {P['code'][0]} ``\n\n"
      f"> Quoted {P['heading']} `` {P['code'][1]} ``\n> — [[villain|The Villain]], {P['label']}\n\n"
      f"[[villain|Villain]] said “{P['label']} is here” on [[2025-03-20|March 20]].[^n2]\n\n"
      f"[^n1]: [!DISPUTED] Note {P['heading']} `` {P['code'][2]} `` [x](javascript:window.__pwned=1)\n"
      f"[^n2]: [!SOURCE] {P['mustache']}\n")
