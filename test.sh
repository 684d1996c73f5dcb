#!/usr/bin/env bash
# Everything CI checks, set-up included: `./test.sh` on a fresh Debian machine with JDK 17+,
# Maven 3.8+ and Node, as root or as a user with sudo (only to install Debian packages).
# .ci/run calls exactly this.
#
# 1. conformance/peers/install.sh installs what is missing: Node's ws (from the lock file),
#    Python's websockets, Chromium, redis-server, a CJK font, iproute2.
# 2. mvn verify: every module's tests (interop with the real peers included), Javadoc with
#    zero warnings, JaCoCo's coverage of the library modules by all of those tests.
# 3. coverage/summary.py: prints each library module's line and branch coverage, and fails when
#    a module is below 90 % of branches (issue 14) or has no coverage data.
# 4. docs/check-docs.py: every link and code reference of the Markdown files.
set -euo pipefail
cd "$(dirname "$0")"

bash conformance/peers/install.sh
mvn -B verify -Pjavadoc,interop,coverage
python3 coverage/summary.py --require ws-frame=90 ws-handshake=90 ws-transport=90 ws-server=90 ws-client=90
python3 docs/check-docs.py
