"""Check that Optuna's dashboard reads the studies `fashion_unsup search` writes, as a reader would watch them.

Runs a tiny search (`fashion_unsup search cae --quick`) into an SQLite database and into a journal file, starts
`optuna-dashboard` on a free local port against each, and reads its JSON API: the study must be listed, with its
finished trials and the search space's parameter names. Each dashboard is stopped whatever happens. Exits 1, naming
the storage and what was missing, when a check fails.
"""
import argparse, json, socket, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

PARAMS = {'n', 'latent', 'optimizer', 'lr', 'wd'}   # the CAE search's space (`suggest_cae`)


def free_port()->int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def get(url:str, timeout:float=60):
    "The JSON at `url`, retried until the server answers or `timeout` passes."
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r: return json.loads(r.read())
        except OSError:
            if time.monotonic() > deadline: raise
            time.sleep(0.3)


def check(dashboard_arg:str, search_storage:str, n_trials:int, study:str='cae')->str:
    "Search into `search_storage`, open the dashboard on `dashboard_arg`, check what its API shows; a summary line."
    subprocess.run(['fashion_unsup', 'search', 'cae', '--storage', search_storage, '--study', study,
                    '--n-trials', str(n_trials), '--quick'], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen(['optuna-dashboard', dashboard_arg, '--host', '127.0.0.1', '--port', str(port), '--quiet'],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        studies = get(f"http://127.0.0.1:{port}/api/studies")['study_summaries']
        found = [s for s in studies if s['study_name'] == study]
        assert found, f"study {study!r} not listed (listed: {[s['study_name'] for s in studies]})"
        detail = get(f"http://127.0.0.1:{port}/api/studies/{found[0]['study_id']}")
        finished = [t for t in detail['trials'] if t['state'] in ('Complete', 'Pruned')]
        assert len(finished) >= n_trials, f"{len(finished)} finished trials shown, {n_trials} run"
        names = {p['name'] for p in detail['union_search_space']}
        assert names == PARAMS, f"search space {sorted(names)}, expected {sorted(PARAMS)}"
        return f"{len(finished)} finished trials, parameters {', '.join(sorted(names))}"
    finally:
        server.terminate()
        try: server.wait(10)
        except subprocess.TimeoutExpired: server.kill(); server.wait()


def main(argv=None)->int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--n-trials', type=int, default=1, help='trials of each tiny search (default: 1)')
    args = p.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory() as d:
        cases = {'SQLite': (f"sqlite:///{d}/cae.sqlite3", f"sqlite:///{d}/cae.sqlite3"),
                 'journal file': (f"{d}/cae.log", f"journal:///{d}/cae.log")}
        for name, (dashboard_arg, storage) in cases.items():
            try: print(f"optuna-dashboard on the {name} study: {check(dashboard_arg, storage, args.n_trials)}")
            except (AssertionError, OSError, subprocess.CalledProcessError) as e:
                print(f"check_dashboard: FAILED on the {name} study: {e}", file=sys.stderr); failed = True
    return 1 if failed else 0


if __name__ == '__main__': sys.exit(main())
