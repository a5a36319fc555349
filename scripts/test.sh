#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine (as root): installs what the tests need
# (the compiler better-sqlite3 is built with, Chromium for the HTML report and dashboard tests, PostgreSQL for the store tests, OpenSSL for
# the test certificates, `script` for the pseudo-terminal test, Prometheus' promtool for the /metrics lint test, BIND 9 and its tools
# for the RFC 2136 and DNS tests, Knot DNS and PowerDNS (with its SQLite backend) for the RFC 2136 tests against other servers,
# Zonemaster and dnsperf for the DNS tests and benchmark, HAProxy for the Runtime API tests, poppler-utils for the plan's PDF,
# restic, openssh-server and rclone for the backup tests, the npm packages), builds,
# type-checks, lints and tests.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
# better-sqlite3 is built from source (no binary is downloaded): a compiler, make and python3.
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[[ -x /usr/bin/promtool ]] || missing+=(prometheus)
# The pseudo-terminal test of `bascule init` runs it under `script` (util-linux; Debian ships it in bsdutils).
command -v script >/dev/null 2>&1 || missing+=(bsdutils)
# The RFC 2136 and DNS tests start their own named (as primary, secondary, reference); dig, nsupdate and tsig-keygen
# read and write it as third parties; Zonemaster judges the built-in DNS; bench:dns uses dnsperf.
[[ -x /usr/sbin/named ]] || missing+=(bind9)
command -v dig >/dev/null 2>&1 && command -v nsupdate >/dev/null 2>&1 || missing+=(bind9-utils bind9-dnsutils)
# The RFC 2136 actuator is also tested against Knot DNS and PowerDNS Authoritative, each started by the test
# (test/rfc2136-servers.test.ts); PowerDNS keeps its zone in SQLite, whose schema the backend package ships.
[[ -x /usr/sbin/knotd ]] || missing+=(knot)
[[ -x /usr/sbin/pdns_server ]] && command -v pdnsutil >/dev/null 2>&1 || missing+=(pdns-server)
[[ -f /usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql ]] || missing+=(pdns-backend-sqlite3)
command -v zonemaster-cli >/dev/null 2>&1 || missing+=(zonemaster-cli)
command -v dnsperf >/dev/null 2>&1 || missing+=(dnsperf)
# The HAProxy Runtime API tests start their own haproxy.
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
# The continuity plan's PDF test reads it back (pdftotext, pdfinfo) and turns its pages into PNG files (pdftoppm).
command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# The backup tests drive Debian's restic (0.14) against repositories the tests start: an sshd of their own (SFTP,
# openssh-server) and `rclone serve restic` (REST); the S3 stand-in is an npm package (s3rver).
command -v restic >/dev/null 2>&1 || missing+=(restic)
[[ -x /usr/sbin/sshd ]] && command -v ssh >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-server openssh-client)
command -v rclone >/dev/null 2>&1 || missing+=(rclone)
# The manifest's hashing thread puts itself in SCHED_IDLE with chrt (util-linux, Essential on Debian); a test checks it.
command -v chrt >/dev/null 2>&1 || missing+=(util-linux)
if ((${#missing[@]} > 0)); then
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts a cluster on install; the tests start their own on a temporary port.
  if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | while read -r ver name _; do pg_ctlcluster "$ver" "$name" stop || true; done
  fi
  # Debian may start named on install; the tests start their own (port 53 on loopback for Zonemaster).
  if [[ " ${missing[*]} " == *" bind9 "* ]] && command -v systemctl >/dev/null 2>&1; then
    systemctl stop named 2>/dev/null || true
  fi
  # The tests need only its promtool; the server Debian may have started is not used.
  if [[ " ${missing[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null 2>&1; then
    systemctl stop prometheus 2>/dev/null || true
  fi
  # Debian starts the packaged named, haproxy, knotd and pdns_server on install; the tests start their own on free
  # ports. (Without systemd, through their init scripts; pdns-server has none, and then is not started. The DNS tests
  # need port 53 free on loopback, which a packaged knotd or pdns_server would take.)
  if command -v systemctl >/dev/null 2>&1; then
    [[ " ${missing[*]} " == *" bind9 "* ]] && { systemctl stop named 2>/dev/null || true; }
    [[ " ${missing[*]} " == *" haproxy "* ]] && { systemctl stop haproxy 2>/dev/null || true; }
    [[ " ${missing[*]} " == *" knot "* ]] && { systemctl stop knot 2>/dev/null || true; }
    [[ " ${missing[*]} " == *" pdns-server "* ]] && { systemctl stop pdns 2>/dev/null || true; }
    [[ " ${missing[*]} " == *" openssh-server "* ]] && { systemctl stop ssh 2>/dev/null || true; }
  fi
  [[ " ${missing[*]} " == *" bind9 "* && -x /etc/init.d/named ]] && { /etc/init.d/named stop >/dev/null 2>&1 || true; }
  [[ " ${missing[*]} " == *" haproxy "* && -x /etc/init.d/haproxy ]] && { /etc/init.d/haproxy stop >/dev/null 2>&1 || true; }
  [[ " ${missing[*]} " == *" knot "* && -x /etc/init.d/knot ]] && { /etc/init.d/knot stop >/dev/null 2>&1 || true; }
  [[ " ${missing[*]} " == *" pdns-server "* && -x /etc/init.d/pdns ]] && { /etc/init.d/pdns stop >/dev/null 2>&1 || true; }
  # Debian may start the packaged sshd on install; the backup tests start their own on a free port of 127.0.0.1.
  [[ " ${missing[*]} " == *" openssh-server "* && -x /etc/init.d/ssh ]] && { /etc/init.d/ssh stop >/dev/null 2>&1 || true; }
  [[ -x /usr/bin/promtool ]] || { echo "promtool is not at /usr/bin/promtool after installing prometheus" >&2; exit 1; }
fi

npm ci --no-audit --no-fund
npm run typecheck
npm run lint
npm test

# The same code on Node 24, the current LTS (the project runs on Node 20 and 24): the parts where the versions
# differ — the SQLite driver (better-sqlite3 13 from Node 22: 12 aborts on Node 24.19+), the stores, the data
# directory's lock, the CLI and its errors, the daemon's processes, the HTTP layer, the status page, the dashboard's
# session — with a Node 24 binary from the npm registry (scripts/node24.sh).
node24="$(bash scripts/node24.sh)"
echo "Node 24 stage: $("$node24" --version)"
"$node24" --import tsx --test test/sqlite-driver.test.ts test/store.test.ts test/store-faults.test.ts \
  test/data-dir.test.ts test/errors-at-once.test.ts test/model.test.ts test/cli.test.ts test/server.test.ts \
  test/failover-daemon.test.ts test/status-page-http.test.ts test/dashboard-session.test.ts
