#!/usr/bin/env python3
"""Checks that the documentation still matches the repository.

  python3 docs/check-docs.py        (from the repository root; exit status 1 on any problem)

For every Markdown file of the repository (build output, node_modules and .git left out):
  - every relative link (inline, reference-style or image) points to a file or directory that
    exists and is tracked by git (a file only in a working tree would be missing in CI);
  - an anchor on a Markdown link names a heading of that file (GitHub's heading ids);
  - links to Java files carry no line anchor (#L123 drifts as code moves; name the method in
    the link text instead);
  - a link whose text names a Java type or member, like [`FrameDecoder.decode`](...) or
    [`FrameDecoderTest#serverRejectsUnmaskedFrame`](...), points to a Java file that declares
    that type and that member;
  - every reference-style link has its definition.
Then every Java program under docs/tools compiles without warnings (when javac is on the PATH).

Standard library only. Links to other sites are not fetched.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FENCE = re.compile(r'^\s*(```|~~~)')
INLINE_CODE = re.compile(r'`[^`\n]*`')
INLINE_LINK = re.compile(r'!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)')
REFERENCE_LINK = re.compile(r'!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\[([^\]]*)\]')
DEFINITION = re.compile(r'^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$')
HEADING = re.compile(r'^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$')
JAVA_NAME = re.compile(r'^`?([A-Z][A-Za-z0-9_]*)(?:[.#]([A-Za-z_][A-Za-z0-9_]*))?(?:\(\))?`?$')
MODIFIERS = r'(?:(?:public|protected|private|static|final|abstract|default|synchronized|native|strictfp|volatile|transient|sealed|non-sealed)\s+)*'


# directories that hold no documentation of ours: build output, installed packages, git's own
SKIPPED_DIRECTORIES = {'target', 'node_modules', '.git', '.cifuzz-corpus'}


def markdown_files():
    files = []
    for directory, subdirectories, names in os.walk(ROOT):
        subdirectories[:] = sorted(d for d in subdirectories if d not in SKIPPED_DIRECTORIES)
        files.extend(os.path.join(directory, name) for name in sorted(names) if name.endswith('.md'))
    return [f for f in files if os.path.isfile(f)]


def tracked_files():
    """The files git tracks, relative to the root, or None outside a git work tree."""
    if shutil.which('git') is None:
        return None
    result = subprocess.run(['git', '-C', ROOT, 'ls-files', '-z'], capture_output=True)
    if result.returncode != 0:
        return None
    return set(result.stdout.decode('utf-8').split('\0')) - {''}


def prose_lines(text):
    """The lines outside fenced code blocks, with their line numbers; inline code is blanked."""
    inside = False
    for number, line in enumerate(text.split('\n'), start=1):
        if FENCE.match(line):
            inside = not inside
            continue
        if not inside:
            yield number, line


def github_slug(heading, seen):
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r'`([^`]*)`', r'\1', heading)
    text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', text)
    slug = ''.join(c for c in text.lower() if c.isalnum() or c in ' -_').replace(' ', '-')
    count = seen.get(slug, 0)
    seen[slug] = count + 1
    return slug if count == 0 else f'{slug}-{count}'


def heading_ids(path):
    seen = {}
    ids = set()
    with open(path, encoding='utf-8') as f:
        for _, line in prose_lines(f.read()):
            match = HEADING.match(line)
            if match:
                ids.add(github_slug(match.group(2), seen))
    return ids


def declares_type(source, name, path):
    if os.path.basename(path) == name + '.java':
        return True
    return re.search(r'\b(?:class|interface|enum|record|@interface)\s+' + name + r'\b', source) is not None


def declares_member(source, name):
    patterns = [
        # a method or constructor: modifiers, type parameters, return type, name, "("
        r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*' + MODIFIERS + r'(?:<[^>]+>\s+)?(?:[\w.<>\[\]?,]+(?:\s*<[^;{}=]*>)?\s+)?'
        + name + r'\s*\(',
        # a field or constant
        r'^\s*' + MODIFIERS + r'[\w.<>\[\]?, ]+\s+' + name + r'\s*(?:=|;)',
        # an enum constant
        r'^\s*' + name + r'\s*(?:\(|,|;|$|\{)',
        # a nested type
        r'\b(?:class|interface|enum|record)\s+' + name + r'\b',
    ]
    if any(re.search(p, source, re.MULTILINE) for p in patterns):
        return True
    # a record component
    for header in re.finditer(r'\brecord\s+\w+\s*(?:<[^>]*>)?\s*\(([^)]*)\)', source):
        if re.search(r'\b' + name + r'\s*(?:,|$)', header.group(1).strip()):
            return True
    return False


def check_link(md_path, line, text, target, tracked, problems):
    where = f'{os.path.relpath(md_path, ROOT)}:{line}'
    if re.match(r'^[a-z][a-z0-9+.-]*:', target, re.IGNORECASE):
        return  # http:, https:, mailto: ... not fetched
    path_part, _, anchor = target.partition('#')
    resolved = md_path if path_part == '' else os.path.normpath(
        os.path.join(os.path.dirname(md_path), path_part))
    relative = os.path.relpath(resolved, ROOT)
    if relative.startswith('..'):
        problems.append(f'{where}: {target} leaves the repository')
        return
    if not os.path.exists(resolved):
        problems.append(f'{where}: {target} does not exist')
        return
    if tracked is not None and path_part != '':
        if os.path.isdir(resolved):
            prefix = '' if relative == '.' else relative.replace(os.sep, '/') + '/'
            if not any(name.startswith(prefix) for name in tracked):
                problems.append(f'{where}: {target} holds no file tracked by git')
        elif relative.replace(os.sep, '/') not in tracked:
            problems.append(f'{where}: {target} is not tracked by git (missing in a fresh clone)')
    if anchor:
        if resolved.endswith('.md'):
            if anchor not in heading_ids(resolved):
                problems.append(f'{where}: {target}: no heading with the id "{anchor}"')
        else:
            problems.append(f'{where}: {target}: an anchor on a non-Markdown file drifts; '
                            'name the method in the link text instead')
    if resolved.endswith('.java') and os.path.isfile(resolved):
        match = JAVA_NAME.match(text.strip())
        if match:
            with open(resolved, encoding='utf-8') as f:
                source = f.read()
            type_name, member = match.group(1), match.group(2)
            if not declares_type(source, type_name, resolved):
                problems.append(f'{where}: [{text}] but {relative} declares no type {type_name}')
            elif member and not declares_member(source, member):
                problems.append(f'{where}: [{text}] but {relative} declares no member {member}')


def check_markdown(md_path, tracked, problems):
    with open(md_path, encoding='utf-8') as f:
        text = f.read()
    definitions = {}
    for number, line in prose_lines(text):
        match = DEFINITION.match(line)
        if match:
            definitions[match.group(1).strip().lower()] = (number, match.group(2))
    for label, (number, target) in definitions.items():
        check_link(md_path, number, label, target, tracked, problems)
    for number, line in prose_lines(text):
        if DEFINITION.match(line):
            continue
        # links inside inline code are not links; link texts may themselves be inline code
        masked = INLINE_CODE.sub(lambda m: m.group(0) if _inside_link_text(line, m) else ' ' * len(m.group(0)), line)
        for match in INLINE_LINK.finditer(masked):
            check_link(md_path, number, match.group(1), match.group(2), tracked, problems)
        for match in REFERENCE_LINK.finditer(masked):
            label = (match.group(2) or match.group(1)).strip().lower()
            if label not in definitions:
                problems.append(f'{os.path.relpath(md_path, ROOT)}:{number}: no definition for [{label}]')
                continue
            check_link(md_path, number, match.group(1), definitions[label][1], tracked, problems)


def _inside_link_text(line, code_match):
    """Whether an inline-code span is the text of a link: [`Name`](...) or [`Name`][ref]."""
    before = line[:code_match.start()]
    after = line[code_match.end():]
    return before.endswith('[') and (after.startswith('](') or after.startswith(']['))


def compile_tools(problems):
    tools = os.path.join(ROOT, 'docs', 'tools')
    sources = sorted(os.path.join(tools, name) for name in os.listdir(tools) if name.endswith('.java')) \
        if os.path.isdir(tools) else []
    if not sources:
        return
    if shutil.which('javac') is None:
        print('check-docs: javac not found, docs/tools not compiled')
        return
    with tempfile.TemporaryDirectory() as classes:
        for source in sources:
            result = subprocess.run(['javac', '-Xlint:all', '-Werror', '-d', classes, source],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                problems.append(f'{os.path.relpath(source, ROOT)} does not compile cleanly:\n{result.stdout}{result.stderr}')


def main():
    tracked = tracked_files()
    problems = []
    files = markdown_files()
    for md_path in files:
        check_markdown(md_path, tracked, problems)
    compile_tools(problems)
    for problem in problems:
        print(problem)
    print(f'check-docs: {len(files)} Markdown files, {len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
