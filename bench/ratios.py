"""ratios.py: pipesh's ratios from one ../shared/bench/run result file.

    python3 bench/ratios.py RESULTS.json

Prints, per workload, the median wall time of every shell and pipesh's
ratio to bash and to the fastest of the other shells (lower is faster),
then own peak RSS; each ratio is of medians of the same interleaved run.
"""
import json
import sys

# issue 15's goals: workload -> (the shell to compare with, the ratio)
GOALS = {
    'loop': ('dash', 1.0), 'funcs': ('dash', 1.0), 'builtin_pipe': ('dash', 1.0),
    'readloop': ('dash', 0.5), 'cmdsubst': ('gosh', 2.0), 'startup': ('bash', 1.0),
    'coproc': ('bash', 0.6), 'spawn10ext': ('gosh', 1.1), 'forkheavy': ('gosh', 1.1),
    'subshell': ('bash', 2.0),
}


def main():
    with open(sys.argv[1]) as f:
        res = json.load(f)
    labels = [s['label'] for s in res['shells']]
    peers = [l for l in labels if l != 'pipesh']
    print(f"\n{res['date']}, host {res['host']}, kernel {res['kernel']}, {res['cpus']} CPUs, "
          f"{res['reps']} interleaved reps (startup x{res['startup_reps']}), load at end {' '.join(res['loadavg_end'])}\n")
    print('| workload | ' + ' | '.join(f'{l} ms' for l in labels) + ' | pipesh/bash | pipesh/best other | goal |')
    print('|---|' + '---:|' * (len(labels) + 3))
    for w in res['workloads']:
        name = w['name']
        cells = res['cells'].get(name, {})
        med = {l: cells.get(l, {}).get('median_ms') for l in labels}
        p = med.get('pipesh')
        row = [f'{med[l]:.4g}' if med[l] else 'n/a' for l in labels]
        to_bash = f"{p / med['bash']:.2f}" if p and med.get('bash') else 'n/a'
        best = min((l for l in peers if med.get(l)), key=lambda l: med[l], default=None)
        to_best = f'{p / med[best]:.2f} ({best})' if p and best else 'n/a'
        goal = ''
        if name in GOALS:
            ref, g = GOALS[name]
            if p and med.get(ref):
                r = p / med[ref]
                goal = f"{r:.2f}x {ref}, goal <= {g}x: {'met' if r <= g else 'not met'}"
        print(f"| {name} | {' | '.join(row)} | {to_bash} | {to_best} | {goal} |")
    rss = res.get('rss') or {}
    if rss.get('pipesh') and rss.get('bash'):
        own = {l: rss[l]['own_hwm_kb'] for l in labels if l in rss}
        r = own['pipesh'] / own['bash']
        print('\nown peak RSS (VmHWM of -c \'sleep 0.3; exit 0\'), KiB: ' +
              ', '.join(f'{l} {v}' for l, v in own.items()) +
              f"; pipesh/bash {r:.2f}, goal <= 1.5: {'met' if r <= 1.5 else 'not met'}")


if __name__ == '__main__':
    main()
