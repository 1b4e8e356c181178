"""Use `fashion_unsup explore` as a reader would: in a real browser (headless Chromium, driven by Selenium).

Starts the command on a free local port and waits for the address it prints; opens the page; drags the first
slider and checks that both images change (the decoded image, and the scatter with its marker); then presses
"random test image", picks a class, and draws a sample of that class, each of which must change the decoded image.
Finally it presses Ctrl-C (SIGINT) and checks that the command stops cleanly (status 0) and frees the port. The
server is stopped whatever happens. Exits 1, naming the step, when a check fails; `--screenshot PATH` keeps a picture.
"""
import argparse, os, shutil, signal, socket, subprocess, sys, threading, time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

IMAGES = "return Array.from(document.querySelectorAll('img.widget-image')).map(i => i.complete && i.naturalWidth > 0 ? i.src : '')"


def browser()->webdriver.Chrome:
    opts = Options()
    for a in ('--headless', '--no-sandbox', '--disable-gpu', '--window-size=1200,900', '--disable-dev-shm-usage'):
        opts.add_argument(a)
    opts.binary_location = shutil.which('chromium') or shutil.which('chromium-browser') or '/usr/bin/chromium'
    return webdriver.Chrome(options=opts, service=Service(shutil.which('chromedriver') or '/usr/bin/chromedriver'))


def free_port()->int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def start(port:int, timeout:float)->tuple[subprocess.Popen, str, list]:
    "Start `fashion_unsup explore`; return the process, the address it printed, and its output so far (growing)."
    # SIGINT as a reader's terminal leaves it: a background job of a shell script (as this check may be, under CI)
    # starts with SIGINT ignored, and Python then installs no KeyboardInterrupt for it
    proc = subprocess.Popen(['fashion_unsup', 'explore', '--port', str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines, found = [], threading.Event()
    def read():
        for line in proc.stdout:
            lines.append(line.rstrip())
            if line.startswith('the latent explorer: '): found.set()
    threading.Thread(target=read, daemon=True).start()
    if not found.wait(timeout):
        raise AssertionError(f"no address printed within {timeout:.0f} s; output:\n" + '\n'.join(lines[-20:]))
    url = next(l for l in lines if l.startswith('the latent explorer: ')).split()[3]
    return proc, url, lines


def wait_for(what:str, check, timeout:float=60):
    "Poll `check()` until it returns a true value (returned), else fail naming `what`."
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value: return value
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {timeout:.0f} s")


def images(d)->list[str]: return d.execute_script(IMAGES)


def changed(d, before:list[str], which:range, what:str):
    "Wait until every image in `which` shows something other than it did in `before`."
    return wait_for(what, lambda: (now := images(d)) and all(now[i] and now[i] != before[i] for i in which) and now)


def main(argv=None)->int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--screenshot', default=None, help='save a screenshot of the explorer here')
    p.add_argument('--timeout', type=float, default=240, help='seconds to wait for the server and the page')
    args = p.parse_args(argv)
    port = free_port()
    proc, url, lines = start(port, args.timeout)
    d = None
    try:
        d = browser()
        d.get(url)
        first = wait_for('the page shows the two images', lambda: (i := images(d)) and len(i) == 2 and all(i) and i,
                         args.timeout)
        readout = d.find_elements(By.CSS_SELECTOR, '.widget-slider .widget-readout')[0].text
        handle = d.find_elements(By.CSS_SELECTOR, '.widget-slider .noUi-handle')[0]
        ActionChains(d).click_and_hold(handle).move_by_offset(45, 0).release().perform()
        moved = changed(d, first, range(2), 'dragging the PC 1 slider changes the decoded image and the scatter')
        after = d.find_elements(By.CSS_SELECTOR, '.widget-slider .widget-readout')[0].text
        assert after != readout, f"the slider's readout did not move ({readout} → {after})"
        print(f"slider: PC 1 {readout} → {after}; the decoded image and the marker changed")
        buttons = {b.text: b for b in d.find_elements(By.CSS_SELECTOR, 'button.widget-button')}
        buttons['random test image'].click()
        shown = changed(d, moved, range(1), '"random test image" changes the decoded image')
        print('"random test image": the decoded image changed')
        selects = d.find_elements(By.CSS_SELECTOR, '.widget-dropdown select')
        Select(selects[0]).select_by_visible_text('Trouser')
        shown = changed(d, shown, range(1), 'picking a class changes the decoded image')
        print('class "Trouser": the decoded image changed')
        Select(selects[1]).select_by_visible_text('per_class')
        buttons['sample'].click()
        changed(d, shown, range(1), '"sample" changes the decoded image')
        print('"sample" (per_class, Trouser): the decoded image changed')
        if args.screenshot: d.save_screenshot(args.screenshot); print(f"screenshot: {args.screenshot}")
    except AssertionError as e:
        print(f"check_explorer: FAILED: {e}\n--- server output:\n" + '\n'.join(lines[-30:]), file=sys.stderr)
        return 1
    finally:
        if d is not None: d.quit()
        stop_start = time.monotonic()
        if proc.poll() is None: proc.send_signal(signal.SIGINT)            # Ctrl-C, as a reader would stop it
        try: status = proc.wait(30)
        except subprocess.TimeoutExpired:
            alive = subprocess.run(['ps', '-o', 'pid,stat,etime,args', '--sid', str(proc.pid)], capture_output=True,
                                   text=True).stdout                 # what was still running, for the diagnosis
            os.killpg(proc.pid, signal.SIGKILL); proc.wait()
            print('check_explorer: FAILED: Ctrl-C did not stop the server within 30 s\n--- still running:\n' + alive +
                  '--- server output:\n' + '\n'.join(lines[-30:]), file=sys.stderr)
            return 1
    if status != 0:
        print(f"check_explorer: FAILED: after Ctrl-C the command exited with status {status}", file=sys.stderr)
        return 1
    with socket.socket() as s:
        try: s.bind(('127.0.0.1', port))
        except OSError:
            print(f"check_explorer: FAILED: port {port} is still in use after Ctrl-C", file=sys.stderr)
            return 1
    print(f'Ctrl-C: the server stopped cleanly (status 0) in {time.monotonic() - stop_start:.1f} s and freed its port')
    return 0


if __name__ == '__main__': sys.exit(main())
