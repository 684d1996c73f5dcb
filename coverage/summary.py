#!/usr/bin/env python3
"""Prints the line and branch coverage of each library module from JaCoCo's aggregate report.

  python3 coverage/summary.py [--require MODULE=PERCENT ...]

Reads coverage/target/site/jacoco-aggregate/jacoco.csv (written by mvn verify -Pcoverage) and
prints one line per module. Exits with status 1 when a module has no coverage data at all (the
report saw none of its classes: a partial build), and with --require when a module's branch
coverage is below its minimum. Standard library only.
"""

import csv
import os
import sys
from collections import OrderedDict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPORT = os.path.join(ROOT, 'coverage', 'target', 'site', 'jacoco-aggregate', 'jacoco.csv')
MODULES = ['ws-frame', 'ws-handshake', 'ws-transport', 'ws-server', 'ws-client']


def percent(covered, missed):
    total = covered + missed
    return 100.0 * covered / total if total else 100.0


def totals_by_module(path):
    totals = OrderedDict((module, [0, 0, 0, 0]) for module in MODULES)  # lines and branches: covered, missed
    with open(path, newline='', encoding='utf-8') as f:
        for row in csv.DictReader(f):
            module = row['GROUP'].split('/')[-1]
            if module not in totals:
                continue
            counts = totals[module]
            counts[0] += int(row['LINE_COVERED'])
            counts[1] += int(row['LINE_MISSED'])
            counts[2] += int(row['BRANCH_COVERED'])
            counts[3] += int(row['BRANCH_MISSED'])
    return totals


def main(arguments):
    required = {}
    if arguments[:1] == ['--require']:
        for requirement in arguments[1:]:
            module, _, minimum = requirement.partition('=')
            required[module] = float(minimum)
    if not os.path.isfile(REPORT):
        print(f'coverage: no report at {os.path.relpath(REPORT, ROOT)}: run mvn verify -Pcoverage first')
        return 1
    failures = []
    print('coverage of the library modules (all modules\' tests):')
    print(f'  {"module":<14}{"lines":>18}{"branches":>18}')
    for module, (lines, lines_missed, branches, branches_missed) in totals_by_module(REPORT).items():
        if lines + lines_missed == 0:
            print(f'  {module:<14}{"no data":>18}')
            failures.append(f'no coverage data for {module}')
            continue
        branch_percent = percent(branches, branches_missed)
        print(f'  {module:<14}{percent(lines, lines_missed):>7.1f} % {lines:>5}/{lines + lines_missed:<5}'
              f'{branch_percent:>6.1f} % {branches:>5}/{branches + branches_missed:<5}')
        if module in required and branch_percent < required[module]:
            failures.append(f'{module}: {branch_percent:.1f} % of branches, below {required[module]:g} %')
    for failure in failures:
        print(f'coverage: {failure}')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
