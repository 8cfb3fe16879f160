#!/usr/bin/env python3
"""Fixes the commonest javadoc warning of the author modules mechanically, for a merge that brings
public methods documented the old way (`/** @param x ... @return y */`, no main description).

    python3 .ci/doclint-fix.py        # from the repository root; needs JAVA_HOME on a JDK 21+

Builds orchestrator-api, -tasks and -testing with javadoc warnings reported but not fatal, then
rewrites each comment javadoc flagged "no main description": a lone `@return X` becomes
`{@return X}`; otherwise a description is made from the `@return` (`{@return X}`) or the first
`@param`, and the tags are put one per line. Read the result: a description made from a @param
("Param name.") needs a human sentence. Other warnings (a missing @param, no comment) are listed
for a human to fix; the build fails on all of them (-Djavadoc.failOnWarnings=false to look)."""
import collections, re, subprocess, sys

MODULES = "orchestrator-bom,orchestrator-api,tasks,orchestrator-testing"
TAG = re.compile(r'(?<![{\w])@(param|return|throws)\b')


def warnings():
    out = subprocess.run(["./mvnw", "-o", "-B", "-pl", MODULES, "-am", "package", "-Dmaven.test.skip=true",
                          "-Djavadoc.failOnWarnings=false"], capture_output=True, text=True).stdout
    return sorted(set(re.findall(r'(/\S+\.java):(\d+): warning: (.*)', out)))


def split_tags(body):
    starts = [m.start() for m in TAG.finditer(body)]
    parts = []
    for i, s in enumerate(starts):
        tag, _, rest = body[s:starts[i + 1] if i + 1 < len(starts) else len(body)].strip().partition(' ')
        parts.append((tag[1:], rest.strip()))
    return parts


def describe(parts):
    returns = [t for k, t in parts if k == 'return']
    if returns and not re.fullmatch(r'this( builder)?\.?', returns[0]):
        return '{@return ' + returns[0].rstrip('.') + '}', [p for p in parts if p[0] != 'return']
    params = [t for k, t in parts if k == 'param']
    text = params[0].split(' ', 1)[1] if params and ' ' in params[0] else 'TODO: describe'
    text = text.strip().rstrip('.')
    return text[0].upper() + text[1:] + '.', parts


def fix(path, line_numbers):
    src = open(path).read().split('\n')
    for n in sorted(line_numbers, reverse=True):
        start = n - 1
        while '/**' not in src[start]:
            start -= 1
        end = start
        while '*/' not in src[end]:
            end += 1
        indent = re.match(r'\s*', src[start]).group(0)
        body = '\n'.join(src[start:end + 1]).split('/**', 1)[1].rsplit('*/', 1)[0]
        body = re.sub(r'\s+', ' ', ' '.join(re.sub(r'^\s*\* ?', '', l) for l in body.split('\n'))).strip()
        if not body.startswith('@'):
            continue
        parts = split_tags(body)
        if len(parts) == 1 and parts[0][0] == 'return' and start == end:
            new = [indent + '/** {@return ' + parts[0][1] + '} */']
        else:
            description, parts = describe(parts)
            new = [indent + '/**', indent + ' * ' + description] + ([indent + ' *'] if parts else [])
            new += [indent + ' * @' + tag + ' ' + text for tag, text in parts] + [indent + ' */']
        src[start:end + 1] = new
    open(path, 'w').write('\n'.join(src))


def main():
    found = warnings()
    fixable = collections.defaultdict(set)
    for path, line, message in found:
        if message == 'no main description':
            fixable[path].add(int(line))
        else:
            print(f'{path}:{line}: {message}  (fix by hand)')
    for path, lines in fixable.items():
        fix(path, lines)
        print(f'{path}: {len(lines)} comment(s) rewritten')
    return 0 if found else 0


if __name__ == '__main__':
    sys.exit(main())
