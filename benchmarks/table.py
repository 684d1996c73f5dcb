#!/usr/bin/env python3
"""Turns the reports that run-table.sh leaves in a folder into issue 15's Markdown tables.

Usage: python3 benchmarks/table.py RESULTS_DIR > table.md

Reads each run's report (<server>-<scenario>-r<round>.txt, <server>-idle.txt): the SERVER line
run-table.sh writes, and the RESULT line wsload prints. A cell shows every round ("a / b") or
the range over the rounds ("a–b"); "–" means not measured, "not run" that the server did not
start (its .txt says why). Only the servers that have reports get a column.
"""
import pathlib
import re
import sys

SERVERS = [
    ("wsnio", "wsnio"),
    ("netty-epoll", "Netty epoll"),
    ("netty-nio", "Netty NIO"),
    ("bun", "Bun"),
    ("node", "Node `ws`"),
]
ONE_THREAD = [("wsnio-1t", "wsnio `--threads 1`"), ("netty-epoll-1t", "Netty epoll, 1 worker")]


def key_values(line):
    return dict(part.split("=", 1) for part in line.split()[1:] if "=" in part)


class Report:
    """One run: the server line, the RESULT line, or why it did not run."""

    def __init__(self, path):
        self.server = {}
        self.result = None
        self.not_run = None
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("SERVER "):
                self.server = key_values(line)
            elif line.startswith("RESULT "):
                self.result = key_values(line)
            elif line.startswith("NOT RUN"):
                self.not_run = line

    def number(self, key):
        if self.result is None:
            return None
        try:
            value = float(self.result.get(key, "nan"))
        except ValueError:
            return None
        return None if value != value or value < 0 else value


def own_files(folder, server, suffix=".txt", scenarios="e100|e1000|e16k"):
    """This server's reports (or logs), not those of a variant such as wsnio-1t or wsnio-tls."""
    pattern = re.compile(rf"^{re.escape(server)}-(({scenarios})-r\d+|idle){re.escape(suffix)}$")
    return sorted(path for path in folder.iterdir() if pattern.match(path.name))


def reports(folder, server, scenario):
    """The reports of every round of one scenario on one server, in round order."""
    found = []
    for path in folder.glob(f"{server}-{scenario}-r*.txt"):
        match = re.search(r"-r(\d+)\.txt$", path.name)
        if match:
            found.append((int(match.group(1)), Report(path)))
    return [report for _, report in sorted(found, key=lambda pair: pair[0])]


def one(folder, server, name):
    path = folder / f"{server}-{name}.txt"
    return Report(path) if path.exists() else None


def grouped(value):
    return f"{value:,.0f}"


def each_round(runs, key, fmt=grouped):
    if not runs:
        return "–"
    if all(run.not_run for run in runs):
        return "not run"
    return " / ".join(fmt(v) if (v := run.number(key)) is not None else "–" for run in runs)


def spread(runs, key, fmt=grouped):
    values = [v for run in runs if (v := run.number(key)) is not None]
    if not values:
        return "not run" if runs and all(run.not_run for run in runs) else "–"
    low, high = min(values), max(values)
    return fmt(low) if fmt(low) == fmt(high) else f"{fmt(low)}–{fmt(high)}"


def size(value):
    return f"{value / 1e9:.2f} GB" if value >= 1e9 else f"{value / 1e6:.0f} MB"


def kilobytes(value):
    return f"{value / 1000:.2f} KB"


def megabytes_per_second(value):
    return f"{value:,.0f}"


def idle_cell(report, key, fmt):
    if report is None:
        return "–"
    if report.not_run:
        return "not run"
    value = report.number(key)
    return fmt(value) if value is not None else "–"


def server_label(folder, server):
    """The name and version a server printed when it started, from any of its logs."""
    for path in own_files(folder, server, ".log"):
        match = re.search(r"^(.*?) echo server listening", path.read_text(errors="replace"), re.M)
        if match:
            return match.group(1)
    return "not run"


def threads(folder, server):
    for path in own_files(folder, server):
        report = Report(path)
        if report.server:
            count = report.server.get("threads", "?")
            extra = " + 1 acceptor" if server.startswith("netty") else ""
            return f"{count}{extra}, CPUs {report.server.get('cpus', 'all')}"
    return "–"


def error_total(folder, server):
    total, runs = 0, 0
    for path in own_files(folder, server):
        report = Report(path)
        if report.result is not None:
            runs += 1
            total += int(float(report.result.get("errors", "0")))
    return "–" if runs == 0 else f"{total} in {runs} runs"


def tool_cpu(folder, server):
    values = []
    for path in own_files(folder, server):
        value = Report(path).number("client_cpu_pct")
        if value is not None:
            values.append(value)
    return f"{max(values):.0f} %" if values else "–"


def row(label, cells):
    return "| " + label + " | " + " | ".join(cells) + " |"


def main():
    folder = pathlib.Path(sys.argv[1])
    servers = [(s, label) for s, label in SERVERS if own_files(folder, s)]
    machine = {}
    machine_file = folder / "machine.txt"
    if machine_file.exists():
        for line in machine_file.read_text().splitlines():
            if "=" in line:
                name, value = line.split("=", 1)
                machine[name] = value
    idle_count = "idle"
    for server, _ in servers:
        report = one(folder, server, "idle")
        if report is not None and report.result is not None:
            idle_count = f"{int(report.number('requested') or 0):,} idle"
            break
    out = []
    out.append(f"Echo servers taking turns on loopback, driven by wsload (C, one thread, pinned to CPU "
               f"{machine.get('load_cpu', '?')}; servers on CPUs {machine.get('server_cpus', 'all')}); "
               f"binary messages, every echoed byte verified; {machine.get('settings', '')}. "
               f"{machine.get('cores', '?')} cores ({machine.get('cpu', '?')}), {machine.get('memory', '?')}, "
               f"{machine.get('java', '?')}, Node {machine.get('node', '?')}, Bun {machine.get('bun', '?')}, "
               f"Linux {machine.get('kernel', '?')}; {machine.get('date', '?')}; "
               f"`{machine.get('command', '?')}` took {machine.get('elapsed_s', '?')} s.")
    out.append("")
    out.append("| | " + " | ".join(label for _, label in servers) + " |")
    out.append("|---|" + "---:|" * len(servers))
    out.append(row("server", [server_label(folder, s) for s, _ in servers]))
    out.append(row("I/O threads, CPUs", [threads(folder, s) for s, _ in servers]))
    out.append(row("100 conns × 64 B, msgs/s (each round)",
                   [each_round(reports(folder, s, "e100"), "msgs_per_s") for s, _ in servers]))
    out.append(row("same, p50 / p99 µs",
                   [f"{spread(reports(folder, s, 'e100'), 'p50_us')} / {spread(reports(folder, s, 'e100'), 'p99_us')}"
                    for s, _ in servers]))
    out.append(row("1,000 conns × 64 B, msgs/s (each round)",
                   [each_round(reports(folder, s, "e1000"), "msgs_per_s") for s, _ in servers]))
    out.append(row("same, p99 µs", [spread(reports(folder, s, "e1000"), "p99_us") for s, _ in servers]))
    out.append(row("server RSS during that run (max)",
                   [spread(reports(folder, s, "e1000"), "server_rss_max", size) for s, _ in servers]))
    out.append(row("100 conns × 16 KiB, MB/s each way (each round)",
                   [each_round(reports(folder, s, "e16k"), "mb_per_s", megabytes_per_second) for s, _ in servers]))
    out.append(row(f"{idle_count} conns: RSS growth per conn",
                   [idle_cell(one(folder, s, "idle"), "rss_per_connection", kilobytes) for s, _ in servers]))
    out.append(row("live heap per idle conn (after full GC)",
                   [idle_cell(one(folder, s, "idle"), "heap_per_connection", lambda v: f"{v:,.0f} B")
                    for s, _ in servers]))
    out.append(row(f"time to accept {idle_count.replace(' idle', '')} conns",
                   [idle_cell(one(folder, s, "idle"), "accept_s", lambda v: f"{v:.2f} s") for s, _ in servers]))
    out.append(row("wsload CPU, % of its core (max over runs)", [tool_cpu(folder, s) for s, _ in servers]))
    out.append(row("errors", [error_total(folder, s) for s, _ in servers]))

    present = [(s, label) for s, label in ONE_THREAD if own_files(folder, s)]
    if present:
        out.append("")
        out.append("| one I/O thread each | " + " | ".join(label for _, label in present) + " |")
        out.append("|---|" + "---:|" * len(present))
        out.append(row("100 × 64 B: msgs/s (each round), p99 µs",
                       [f"{each_round(reports(folder, s, 'e100'), 'msgs_per_s')}; "
                        f"{spread(reports(folder, s, 'e100'), 'p99_us')}" for s, _ in present]))
        out.append(row("1,000 × 64 B: msgs/s (each round), p99 µs, RSS",
                       [f"{each_round(reports(folder, s, 'e1000'), 'msgs_per_s')}; "
                        f"{spread(reports(folder, s, 'e1000'), 'p99_us')}; "
                        f"{spread(reports(folder, s, 'e1000'), 'server_rss_max', size)}" for s, _ in present]))
        out.append(row("wsload CPU, % of its core (max)", [tool_cpu(folder, s) for s, _ in present]))
        out.append(row("errors", [error_total(folder, s) for s, _ in present]))

    tls = one(folder, "wsnio-tls", "idle")
    if tls is not None:
        out.append("")
        count = f"{int(tls.number('requested') or 0):,}" if tls.result else "–"
        out.append(f"| idle wss:// ({count} connections) | wsnio |")
        out.append("|---|---:|")
        out.append(row("live heap per idle TLS conn (after full GC)",
                       [idle_cell(tls, "heap_per_connection", lambda v: f"{v:,.0f} B")]))
        out.append(row("RSS growth per idle TLS conn", [idle_cell(tls, "rss_per_connection", kilobytes)]))
        out.append(row("time to accept them all", [idle_cell(tls, "accept_s", lambda v: f"{v:.2f} s")]))
        out.append(row("errors", [error_total(folder, "wsnio-tls")]))
    print("\n".join(out))


if __name__ == "__main__":
    main()
