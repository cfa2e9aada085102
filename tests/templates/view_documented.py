#!/usr/bin/env python3
"""view_documented.py: every field of the template view is documented in README.md's section
"## Writing templates", and every field documented there is still in the view.

The section has one heading per kind of object, naming where those objects are as RFC 9535
JSONPath code spans (`$.operations[*].responses[*]`; this reads the subset the README uses:
.name, [*], [?@.name], [?!@.name]), each followed by a table | `field` | type | meaning |. The
views are `apigen dump-view SPEC` of each SPEC given. Fails (exit 1, one line per problem) when:
  - an object of a view is selected by no heading, or has a field its headings do not list;
  - a field takes a JSON type (string, number, boolean, null, array, object) its type cell
    does not name;
  - a listed field is in no view of any SPEC (the view lost it, or the README misspells it);
  - a link #anchor in the section names no heading of README.md (GitHub's heading ids).
usage: view_documented.py APIGEN README SPEC...
"""
import json
import re
import subprocess
import sys

TYPES = ("string", "number", "boolean", "null", "array", "object")


def json_type(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    return "array" if isinstance(v, list) else "object"


def cells(row):
    """The cells of a Markdown table row; `\\|` is a pipe inside a cell."""
    parts = re.split(r"(?<!\\)\|", row.strip())
    return [c.strip().replace("\\|", "|") for c in parts[1:-1]]


def slug(heading):
    """GitHub's id of a heading: lower case, punctuation but - and _ dropped, spaces to -."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def read_readme(path):
    """{jsonpath: {field: type cell}} of the section, its link anchors, every heading id."""
    lines = open(path, encoding="utf-8").read().split("\n")
    ids = {slug(l.lstrip("#")) for l in lines if re.match(r"#{1,6} ", l)}
    try:
        start = lines.index("## Writing templates")
    except ValueError:
        sys.exit(f"{path}: no section '## Writing templates'")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    docs, anchors, paths, problems = {}, [], [], []
    fence = False
    for n in range(start + 1, end):
        line = lines[n]
        if line.startswith("```"):
            fence = not fence
        if fence:
            continue
        anchors += [(n + 1, a) for a in re.findall(r"\]\(#([^)]+)\)", line)]
        if line.startswith("### "):
            paths = [p for p in re.findall(r"`([^`]+)`", line) if p.startswith("$")]
            for p in paths:
                if p in docs:
                    problems.append(f"{path}:{n + 1}: heading names {p} a second time")
                docs.setdefault(p, {})
            continue
        m = re.match(r"\| `([^`]+)` \|", line)
        if m and paths:
            c = cells(line)
            for p in paths:
                if m.group(1) in docs[p]:
                    problems.append(f"{path}:{n + 1}: field `{m.group(1)}` of {p} listed twice")
                docs[p][m.group(1)] = c[1] if len(c) > 2 else ""
    for p, fields in docs.items():
        if not fields:
            problems.append(f"{path}: heading {p} lists no field")
    return docs, anchors, ids, problems


SEGMENT = re.compile(r"\.([A-Za-z_]\w*)|\[\*\]|\[\?(!?)@\.([A-Za-z_]\w*)\]")


def select(root, path):
    """The nodes of root that path selects (the README's subset of RFC 9535)."""
    if not path.startswith("$"):
        raise ValueError(path)
    nodes, pos = [root], 1
    while pos < len(path):
        m = SEGMENT.match(path, pos)
        if m is None:
            raise ValueError(f"{path}: cannot read from '{path[pos:]}'")
        pos = m.end()
        out = []
        for node in nodes:
            children = node if isinstance(node, list) else list(node.values()) if isinstance(node, dict) else []
            if m.group(1):
                if isinstance(node, dict) and m.group(1) in node:
                    out.append(node[m.group(1)])
            elif m.group(3) is None:
                out += children
            else:
                want = m.group(2) != "!"
                out += [c for c in children if isinstance(c, dict) and (m.group(3) in c) == want]
        nodes = out
    return nodes


def objects(node, where):
    """(concrete path, object) of every object in node."""
    if isinstance(node, dict):
        yield where, node
        for k, v in node.items():
            yield from objects(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from objects(v, f"{where}[{i}]")


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    apigen, readme, specs = sys.argv[1], sys.argv[2], sys.argv[3:]
    docs, anchors, ids, readme_problems = read_readme(readme)
    problems = {}  # what is wrong -> [the first place it shows, how many places]

    def problem(what, where):
        problems.setdefault(what, [where, 0])[1] += 1
    seen = set()  # (jsonpath, field) found in some view
    for spec in specs:
        run = subprocess.run([apigen, "dump-view", spec], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"apigen dump-view {spec}: exit {run.returncode}\n{run.stderr}")
        view = json.loads(run.stdout)
        owners = {}  # id(object) -> the documented paths selecting it
        for p in docs:
            try:
                chosen = select(view, p)
            except ValueError as e:
                sys.exit(f"{readme}: heading path {e}")
            for node in chosen:  # objects only: `open` is an object or false
                if isinstance(node, dict):
                    owners.setdefault(id(node), []).append(p)
        for where, obj in objects(view, "$"):
            paths = owners.get(id(obj))
            if not paths:
                problem(f"no heading of {readme} selects the object (keys {sorted(obj)})", f"{spec}: {where}")
                continue
            for key, value in obj.items():
                docpaths = [p for p in paths if key in docs[p]]
                if not docpaths:
                    problem(f"`{key}` of {' or '.join(paths)} is not documented", f"{spec}: {where}.{key}")
                    continue
                for p in docpaths:
                    seen.add((p, key))
                    t = json_type(value)
                    if not re.search(rf"\b{t}\b", docs[p][key]):
                        problem(f"`{key}` of {p} is a {t}; {readme} says: {docs[p][key]}", f"{spec}: {where}.{key}")
    for p, fields in docs.items():
        for key in fields:
            if (p, key) not in seen:
                problem(f"`{key}` of {p} is documented but in no view", f"{len(specs)} specs")
    for line, a in anchors:
        if a not in ids:
            problem(f"link #{a} names no heading", f"{readme}:{line}")
    for p in readme_problems:
        print(p)
    for what, (first, n) in problems.items():
        print(f"{first}: {what}" + (f" (and {n - 1} more places)" if n > 1 else ""))
    problems = readme_problems + list(problems)
    count = sum(len(f) for f in docs.values())
    print(f"{len(docs)} documented objects, {count} fields, {len(specs)} views: "
          f"{'OK' if not problems else str(len(problems)) + ' problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
