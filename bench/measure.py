#!/usr/bin/env python3
"""Benchmark harness for bench/run (standard library only).

Each run is one posix_spawn of the command under test, reaped with os.wait4, so every number
belongs to that run alone:
- wall time: from just before the spawn to the return of wait4. posix_spawn starts the child
  without copying this interpreter's page tables (glibc clones with CLONE_VM | CLONE_VFORK); an
  os.fork() did copy them, and each child then paid for the copy-on-write faults of the Python
  code it ran before its exec: about 2.5 ms of wall and 2 ms of CPU added to every program
  measured, more than the whole floor (measured here: the floor 3.9 ms forked, 1.4 ms spawned);
- CPU time: the child's user + system time, including the processes it waited for (the
  AWS CDK's Python app waits for its Node.js jsii kernel, so the kernel's CPU is counted);
- peak memory: from three more runs of each command under GNU time (`/usr/bin/time -f %M`), the
  median. ru_maxrss of a child started from this Python process would count the interpreter's
  pages, which the child shares until its exec (about 12 MiB, more than synth itself); GNU time forks
  from a process of its own of about 2 MiB. Without GNU time, ru_maxrss is reported, and says so.
  Linux reports the largest resident set of any single process in a tree, not their sum: for
  the CDK that is the Node.js kernel or the Python interpreter, whichever is bigger, so the
  CDK's real footprint is somewhat higher.

  measure.py compare --repo ROOT --ours BINARY --floor BINARY --cdk-python PYTHON
                     --troposphere-python PYTHON --scratch DIR [--runs N]
  measure.py tables  --repo ROOT --ours BINARY --scratch DIR [--runs N] [--sizes 10,100,1000,10000]
  measure.py ab      --repo ROOT --ours BINARY --other BINARY --scratch DIR [--runs N] [-- SYNTH_ARGS...]

Results are Markdown on standard output; progress goes to standard error.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

MIN_RUNS = 5
CDK_ENV = {
    "CDK_DEFAULT_ACCOUNT": "222222222222",
    "CDK_DEFAULT_REGION": "ap-northeast-1",
    "CDK_CONTEXT_JSON": json.dumps({"sourceAccountId": "111111111111"}),
}
TABLES_PER_ACCOUNT = 10


class RunFailed(Exception):
    def __init__(self, argv, status, stderr):
        super().__init__(f"{' '.join(argv)} exited with status {status}")
        self.argv, self.status, self.stderr = argv, status, stderr


def progress(text):
    print(text, file=sys.stderr, flush=True)


def run_once(argv, cwd, env, stderr_path):
    """Runs argv once; returns (wall ms, CPU ms, peak MiB). Raises RunFailed on a non-zero exit."""
    # posix_spawn has no portable way to change the child's folder: the harness moves itself.
    if os.getcwd() != cwd:
        os.chdir(cwd)
    with open(stderr_path, "wb") as stderr_file, open(os.devnull, "r+b") as devnull:
        actions = [(os.POSIX_SPAWN_DUP2, devnull.fileno(), 0), (os.POSIX_SPAWN_DUP2, devnull.fileno(), 1),
                   (os.POSIX_SPAWN_DUP2, stderr_file.fileno(), 2)]
        start = time.perf_counter()
        try:
            pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
        except OSError as error:
            raise RunFailed(argv, 127, f"cannot start {argv[0]}: {error.strerror}\n") from error
        _, status, usage = os.wait4(pid, 0)
        wall = (time.perf_counter() - start) * 1000
    if status != 0:
        with open(stderr_path, "rb") as f:
            stderr = f.read().decode("utf-8", "replace")
        code = os.waitstatus_to_exitcode(status)
        raise RunFailed(argv, code, stderr)
    return wall, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024


GNU_TIME = "/usr/bin/time"
MEMORY_RUNS = 3


def has_gnu_time():
    return os.access(GNU_TIME, os.X_OK)


def peak_run(argv, cwd, env, stderr_path):
    """Like run_once, but under GNU time, for the peak RSS alone: (0, 0, peak MiB)."""
    report = stderr_path + ".rss"
    run_once([GNU_TIME, "-f", "%M", "-o", report, *argv], cwd, env, stderr_path)
    with open(report) as handle:
        return 0.0, 0.0, int(handle.read().split()[-1]) / 1024


def memory_note():
    if has_gnu_time():
        return f"Peak RSS: GNU time's maximum resident set, median of {MEMORY_RUNS} more runs of each."
    return ("Peak RSS: ru_maxrss of a child started from the Python harness (no /usr/bin/time here), which "
            "counts the interpreter's pages before the exec: small programs read about 12 MiB.")


def outputs_note(path):
    """Names the file system the runs wrote to: the mount in /proc/mounts that holds path."""
    path = os.path.realpath(path)
    best, fstype = "", "unknown"
    try:
        with open("/proc/mounts") as f:
            for line in f:
                fields = line.split()
                if len(fields) < 3:
                    continue
                mount = fields[1].replace("\\040", " ")
                inside = path == mount or path.startswith(mount.rstrip("/") + "/")
                if inside and len(mount) >= len(best):
                    best, fstype = mount, fields[2]
    except OSError:
        pass
    where = f"{fstype} at {best}" if best else fstype
    ram = " (in memory)" if fstype == "tmpfs" else ""
    return f"Outputs: every run wrote a folder of its own on {where}{ram}, removed after the run (see bench/run)."


def tree_bytes(path):
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
    return total


def first_line(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        text = (out.stdout or out.stderr).strip()
        return text.splitlines()[0] if text else "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine_line(python):
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = "unknown memory"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                    break
    except OSError:
        pass
    system = platform.platform()
    try:
        with open("/etc/os-release") as f:
            fields = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
        system = f"{fields.get('PRETTY_NAME', '').strip(chr(34))}, Linux {platform.release()}"
    except OSError:
        pass
    parts = [
        f"{len(os.sched_getaffinity(0))} cores (nproc)",
        cpu,
        memory,
        system,
        first_line(["swift", "--version"]),
    ]
    if python:
        parts.append(first_line([python, "--version"]))
    parts.append("Node.js " + first_line(["node", "--version"]))
    return "Machine: " + "; ".join(parts) + "."


class Machine:
    """How busy the machine was while we measured: load averages, and the CPU that processes
    other than ours used (all CPU time from /proc/stat minus this harness and its children).
    The load average counts our own runs too (the CDK keeps more than one core busy), so the
    foreign CPU share is the number that says whether the results are trustworthy."""

    FOREIGN_LIMIT = 0.10

    def __init__(self):
        self.load = os.getloadavg()
        self.start = self._sample()

    @staticmethod
    def _sample():
        busy = None
        try:
            with open("/proc/stat") as f:
                fields = [int(v) for v in f.readline().split()[1:]]
            # user nice system idle iowait irq softirq steal ...: everything but idle and iowait
            busy = (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            pass
        own = sum(getattr(os.times(), name) for name in ("user", "system", "children_user", "children_system"))
        return time.monotonic(), busy, own

    def note(self):
        end_time, end_busy, end_own = self._sample()
        start_time, start_busy, start_own = self.start
        cores = len(os.sched_getaffinity(0))
        after = os.getloadavg()
        note = ("Load average (1/5/15 min) before: {:.2f} / {:.2f} / {:.2f}; ".format(*self.load)
                + "after: {:.2f} / {:.2f} / {:.2f}.".format(*after))
        if start_busy is None or end_busy is None:
            return note
        foreign = max(0.0, (end_busy - start_busy) - (end_own - start_own)) / ((end_time - start_time) * cores)
        note += f" Other processes used {foreign:.0%} of the {cores} cores while this ran."
        if foreign > self.FOREIGN_LIMIT:
            note += (f" **That is over {self.FOREIGN_LIMIT:.0%}: the numbers are disturbed; "
                     "rerun when the machine is idle.**")
        return note


def fmt(value, digits=1):
    return f"{value:,.{digits}f}"


def same_json(path_a, path_b):
    with open(path_a) as a, open(path_b) as b:
        return json.load(a) == json.load(b)


def compare(args):
    """The seed's target stack: ours, the bare floor, troposphere and the AWS CDK, taking turns."""
    repo = os.path.abspath(args.repo)
    cdk_app = os.path.join(repo, "bench", "cdk_app", "app.py")
    troposphere_app = os.path.join(repo, "bench", "troposphere_app", "target_stack.py")
    committed = os.path.join(repo, "templates", "target-stack.json")
    config = os.path.join(repo, "synth.json")
    scratch = args.scratch
    env_ours = dict(os.environ)
    env_cdk = dict(os.environ, **CDK_ENV)
    stderr_path = os.path.join(scratch, "stderr")

    def ours(index, keep=False, run=run_once):
        out = os.path.join(scratch, f"ours-{index}")
        try:
            return run([args.ours, "--config", config, "--out", out], repo, env_ours, stderr_path)
        finally:
            if not keep:
                shutil.rmtree(out, ignore_errors=True)

    def floor(index, run=run_once):
        out = os.path.join(scratch, f"floor-{index}.json")
        try:
            return run([args.floor, out], repo, env_ours, stderr_path)
        finally:
            if os.path.exists(out):
                os.remove(out)

    def troposphere(index, keep=False, run=run_once):
        out = os.path.join(scratch, f"troposphere-{index}")
        os.mkdir(out)
        try:
            return run([args.troposphere_python, troposphere_app, out], repo, env_ours, stderr_path)
        finally:
            if not keep:
                shutil.rmtree(out, ignore_errors=True)

    def cdk(index, run=run_once):
        out = os.path.join(scratch, f"cdk-{index}")
        os.mkdir(out)
        try:
            return run([args.cdk_python, cdk_app], repo, dict(env_cdk, CDK_OUTDIR=out), stderr_path)
        finally:
            shutil.rmtree(out, ignore_errors=True)

    machine = Machine()
    # One untimed warm-up each: the first CDK run after an install unpacks aws-cdk-lib into
    # jsii's package cache, and the first run of any fills the page cache. The warm-ups of ours
    # and troposphere also check that both render the committed target template.
    progress("warm-up and check: ours, the floor, troposphere, then the AWS CDK")
    warm = {"ours": ours("warm", keep=True), "floor": floor("warm"),
            "troposphere": troposphere("warm", keep=True), "cdk": cdk("warm")}
    for name, path in (("synth", os.path.join(scratch, "ours-warm", "target-stack.json")),
                       ("bench/troposphere_app", os.path.join(scratch, "troposphere-warm", "target-stack.json"))):
        if not same_json(path, committed):
            sys.exit(f"bench: {name} did not render templates/target-stack.json (compared as parsed JSON)")
    shutil.rmtree(os.path.join(scratch, "ours-warm"), ignore_errors=True)
    shutil.rmtree(os.path.join(scratch, "troposphere-warm"), ignore_errors=True)

    samples = {"ours": [], "floor": [], "troposphere": [], "cdk": []}
    runners = {"ours": ours, "floor": floor, "troposphere": troposphere, "cdk": cdk}
    names = list(runners)
    # The order rotates each round, so every program follows each of the others equally often:
    # a program that runs just after the AWS CDK (500 MiB of Node.js) starts with the CPU caches
    # emptied, and with a fixed order that was always ours.
    for index in range(args.runs):
        order = names[index % len(names):] + names[:index % len(names)]
        progress(f"run {index + 1}/{args.runs}: {', '.join(order)}")
        for name in order:
            samples[name].append(runners[name](index))

    def medians(rows):
        return [statistics.median(column) for column in zip(*rows)]

    m = {name: medians(rows) for name, rows in samples.items()}
    if has_gnu_time():
        for name, runner in runners.items():
            progress(f"peak memory: {name}")
            m[name][2] = statistics.median(runner(f"rss-{i}", run=peak_run)[2] for i in range(MEMORY_RUNS))
    o, f, t, c = m["ours"], m["floor"], m["troposphere"], m["cdk"]
    print(f"### Seed target stack: `synth` vs the floor, troposphere and the AWS CDK "
          f"({args.runs} runs each in rotating order, medians)")
    print()
    print("| | wall ms | CPU ms (user+sys) | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    print(f"| ours: `synth` (Swift, release, fully static) | {fmt(o[0], 2)} | {fmt(o[1], 2)} | {fmt(o[2])} |")
    print(f"| floor: bare static Swift process writing one file | {fmt(f[0], 2)} | {fmt(f[1], 2)} | {fmt(f[2])} |")
    print(f"| troposphere 4.11.1 (Python) | {fmt(t[0])} | {fmt(t[1])} | {fmt(t[2])} |")
    print(f"| AWS CDK 2.275.0 (Python app, jsii + Node.js) | {fmt(c[0])} | {fmt(c[1])} | {fmt(c[2])} |")
    print(f"| **ours / floor** (goal ≤ 1.3× wall, ≤ 7 MiB) | **{o[0] / f[0]:,.2f}×** | **{o[1] / f[1]:,.2f}×** | **{o[2] / f[2]:,.2f}×** |")
    print(f"| **troposphere / ours** (goal ≥ 15×, more memory) | **{t[0] / o[0]:,.1f}×** | **{t[1] / o[1]:,.1f}×** | **{t[2] / o[2]:,.1f}×** |")
    print(f"| **CDK / ours** (goal ≥ 1,000×, more memory) | **{c[0] / o[0]:,.0f}×** | **{c[1] / o[1]:,.0f}×** | **{c[2] / o[2]:,.1f}×** |")
    print()
    print("Min wall ms: " + ", ".join(f"{name} {fmt(min(r[0] for r in rows), 2)}" for name, rows in samples.items())
          + ". Warm-up (first, untimed) wall ms: " + ", ".join(f"{name} {fmt(r[0], 2)}" for name, r in warm.items()) + ".")
    print()
    print(memory_note())
    print()
    print(outputs_note(scratch))
    print()
    print(machine.note())
    print()
    print(machine_line(args.cdk_python))


def write_tables_config(folder, table_count, repo):
    """A config from scripts/verify_configs/make_scale.py: TABLES_PER_ACCOUNT tables per source
    account (two databases), four columns each; the SQL files beside it, as synth reads them."""
    accounts = max(1, table_count // TABLES_PER_ACCOUNT)
    per_account = min(table_count, TABLES_PER_ACCOUNT)
    os.makedirs(folder)
    path = os.path.join(folder, "synth.json")
    subprocess.run([sys.executable, os.path.join(repo, "scripts", "verify_configs", "make_scale.py"), path,
                    "--accounts", str(accounts), "--tables-per-account", str(per_account)], check=True)
    for name in ("target", "source"):
        shutil.copytree(os.path.join(repo, name), os.path.join(folder, name))
    return path, accounts


def tables(args):
    repo = os.path.abspath(args.repo)
    scratch = args.scratch
    sizes = [int(s) for s in args.sizes.split(",")]
    stderr_path = os.path.join(scratch, "stderr")
    env = dict(os.environ)
    configs = {}
    for size in sizes:
        configs[size] = write_tables_config(os.path.join(scratch, f"tables-{size}"), size, repo)

    def synth(size, index, run=run_once):
        out = os.path.join(scratch, f"out-{size}-{index}")
        try:
            result = run([args.ours, "--config", configs[size][0], "--out", out], repo, env, stderr_path)
            return result, tree_bytes(out)
        finally:
            shutil.rmtree(out, ignore_errors=True)

    machine = Machine()
    # The untimed warm-up doubles as the check that this synth accepts the generated configs.
    sizes_bytes = {}
    for size in sizes:
        progress(f"warm-up and check: {size:,} table{'s' if size != 1 else ''}")
        try:
            _, sizes_bytes[size] = synth(size, "warm")
        except RunFailed as failure:
            sys.exit(
                f"bench/run --tables: synth rejected the generated config for {size:,} table{'s' if size != 1 else ''} "
                f"(exit {failure.status}). This mode needs a synth that reads `context.sources` "
                "(many source accounts and tables); if the errors below are about `sources` or a "
                "missing `sourceAccountId`, this build predates that support.\n"
                f"config: {configs[size][0]}\n{failure.stderr.rstrip()}")
    samples = {size: [] for size in sizes}
    # Sizes take turns, so a burst of load from elsewhere spreads over all of them.
    for index in range(args.runs):
        progress(f"run {index + 1}/{args.runs}: {', '.join(str(s) for s in sizes)} tables")
        for size in sizes:
            samples[size].append(synth(size, index)[0])

    print(f"### `synth` scaling with the number of tables ({args.runs} runs each, medians)")
    print()
    print(f"{TABLES_PER_ACCOUNT} tables per source account (scripts/verify_configs/make_scale.py: two databases, "
          "four columns per table).")
    print()
    print("| tables | source accounts | wall ms | CPU ms (user+sys) | peak RSS MiB | wall ms per table | "
          "ms per added table | output KiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    previous = None
    peaks = {}
    if has_gnu_time():
        for size in sizes:
            progress(f"peak memory: {size:,} tables")
            peaks[size] = statistics.median(synth(size, f"rss-{i}", run=peak_run)[0][2] for i in range(MEMORY_RUNS))
    for size in sizes:
        wall, cpu, peak = (statistics.median(column) for column in zip(*samples[size]))
        peak = peaks.get(size, peak)
        added = "" if previous is None else fmt((wall - previous[1]) / (size - previous[0]), 4)
        print(f"| {size:,} | {configs[size][1]:,} | {fmt(wall, 2)} | {fmt(cpu, 2)} | {fmt(peak)} | "
              f"{fmt(wall / size, 4)} | {added} | {fmt(sizes_bytes[size] / 1024)} |")
        previous = (size, wall)
    print()
    print(memory_note())
    print()
    print(outputs_note(scratch))
    print()
    print(machine.note())
    print()
    print(machine_line(None))


def ab(args):
    """Two synth binaries on the same config, taking turns: is a change faster? (bench/ab)"""
    repo = os.path.abspath(args.repo)
    stderr_path = os.path.join(args.scratch, "stderr")
    env = dict(os.environ)
    binaries = {"A": args.ours, "B": args.other}

    def synth(name, index):
        out = os.path.join(args.scratch, f"{name}-{index}")
        try:
            return run_once([binaries[name], *args.synth_args, "--out", out], repo, env, stderr_path)
        finally:
            shutil.rmtree(out, ignore_errors=True)

    machine = Machine()
    progress("warm-up: A, then B")
    synth("A", "warm"), synth("B", "warm")
    samples = {"A": [], "B": []}
    for index in range(args.runs):
        for name in ("A", "B") if index % 2 == 0 else ("B", "A"):
            samples[name].append(synth(name, index))
    shown = "the seed app" if args.seed_default else "synth " + " ".join(args.synth_args)
    print(f"### A/B: {shown} ({args.runs} runs each, taking turns, medians)")
    print()
    print("| | binary | wall ms | CPU ms (user+sys) |")
    print("|---|---|---:|---:|")
    for name in ("A", "B"):
        wall, cpu, _ = (statistics.median(column) for column in zip(*samples[name]))
        print(f"| {name} | `{binaries[name]}` | {fmt(wall, 2)} | {fmt(cpu, 2)} |")
    ratios = [b[0] / a[0] for a, b in zip(samples["A"], samples["B"])]
    print()
    print(f"B / A wall, median of the {len(ratios)} rounds' ratios: **{statistics.median(ratios):.3f}** "
          f"(quartiles {statistics.quantiles(ratios, n=4)[0]:.3f} to {statistics.quantiles(ratios, n=4)[2]:.3f}).")
    print()
    print(outputs_note(args.scratch))
    print()
    print(machine.note())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["compare", "tables", "ab"])
    parser.add_argument("--repo", required=True)
    parser.add_argument("--ours", required=True, help="the release synth binary")
    parser.add_argument("--other", help="the synth binary to hold against --ours (ab mode)")
    parser.add_argument("--floor", help="the bare static Swift binary (compare mode)")
    parser.add_argument("--cdk-python", help="the Python that has aws-cdk-lib (compare mode)")
    parser.add_argument("--troposphere-python", help="the Python that has troposphere (compare mode)")
    parser.add_argument("--scratch", required=True, help="an empty folder for outputs (the caller removes it)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--sizes", default="10,100,1000,10000")
    argv = sys.argv[1:]
    # Everything after "--" is synth's (ab mode), split off by hand: argparse cannot take a
    # second positional list after options.
    synth_args = argv[argv.index("--") + 1:] if "--" in argv else []
    args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    args.synth_args = synth_args
    if args.runs < MIN_RUNS:
        parser.error(f"--runs must be at least {MIN_RUNS}")
    if args.mode == "compare" and not (args.cdk_python and args.troposphere_python and args.floor):
        parser.error("compare needs --floor, --cdk-python and --troposphere-python")
    if args.mode == "ab" and not args.other:
        parser.error("ab needs --other")
    args.seed_default = not args.synth_args
    if args.mode == "ab" and args.seed_default:
        args.synth_args = ["--config", os.path.join(os.path.abspath(args.repo), "synth.json")]
    try:
        {"compare": compare, "tables": tables, "ab": ab}[args.mode](args)
    except RunFailed as failure:
        sys.exit(f"bench: {failure}\n{failure.stderr.rstrip()}")


if __name__ == "__main__":
    main()
