#!/usr/bin/env python3
"""CPU seconds each process spent until a file appears (scripts/measure-start): where a start's time goes.

Usage: cpu_by_process.py STOP_FILE [TOP]. Samples /proc every 0.25 s; a process already running when sampling began
counts only what it spent after that. Prints the machine's busy CPU seconds and the TOP processes (default 12).
"""
import os
import sys
import time

stop_file = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 12
ticks = os.sysconf("SC_CLK_TCK")


def machine():
    values = list(map(int, open("/proc/stat").readline().split()[1:]))
    return sum(values), values[3] + values[4]


def command(pid):
    parts = [p.decode(errors="replace") for p in open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0") if p]
    return " ".join(parts)[:110] if parts else None


began, first = time.time(), machine()
seen = {}
while not os.path.exists(stop_file) and time.time() - began < 900:
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{pid}/stat").read()
            fields = stat[stat.rindex(")") + 2:].split()
            cpu, start = (int(fields[11]) + int(fields[12])) / ticks, int(fields[19])
            key = (pid, start)
            if key not in seen:
                name = command(pid)
                if name is None:
                    continue
                seen[key] = {"name": name, "base": cpu if time.time() - began < 0.3 else 0.0}
            seen[key]["cpu"] = cpu - seen[key]["base"]
        except (OSError, ValueError):
            continue
    time.sleep(0.25)
last = machine()
total, idle = (last[0] - first[0]) / ticks, (last[1] - first[1]) / ticks
print(f"{time.time() - began:.1f} s; the machine's CPUs busy {total - idle:.1f} of {total:.1f} CPU-seconds")
for row in sorted(seen.values(), key=lambda r: -r.get("cpu", 0))[:top]:
    print(f"{row.get('cpu', 0):7.2f}  {row['name']}")
