"""A Binder-equivalent JupyterLab on this machine, for tests/test_binder.py and bench/binder_start.py.

What repo2docker does for this repository, minus Docker: a fresh Python 3.11 virtual
environment with repo2docker's pip (``BINDER_PIP``) gets ``pip install -r binder/requirements.txt`` (the environment JupyterLab
itself runs in), then ``binder/postBuild`` runs in a copy of the repository with ``HOME`` in
a temporary folder. The virtual environment is cached under
``~/.cache/eurasian-course/binder-venv-<hash of the lock>`` (``COURSE_BINDER_CACHE`` moves
it), so only a changed lock pays for a new install.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PYTHON = "python3.11"
#: The pip repo2docker's Python 3.11 environment brings (conda-forge pip 24.0 in its
#: environment.py-3.11 lock), not the older one a new venv gets from Python itself. The
#: difference matters: pip 23.2 resolves an extra (``jsonschema[format-nongpl]``, asked for by
#: jupyter-events) to the newest release instead of the locked one, and then refuses its hash.
BINDER_PIP = "pip==24.0"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "_build",
    "_extra",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    "*.egg-info",
    ".ipynb_checkpoints",
    ".jupyter_cache",
)
# Harness settings, not Binder's: every cell in the DOM (no virtual scrolling), so the
# whole notebook's text can be read; no news or update checks (no request off this machine).
LAB_USER_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": '{"windowingMode": "none"}',
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": '{"fetchNews": "false", "checkForUpdates": false}',
}


def lock_hash(
    names=("requirements.lock", "binder/requirements.txt", "binder/runtime.txt"), extra: str = ""
) -> str:
    digest = hashlib.sha256(extra.encode())
    for name in names:
        digest.update((REPO_ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    configured = os.environ.get("COURSE_BINDER_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "eurasian-course"


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{(proc.stdout + proc.stderr)[-4000:]}"
        )
    return proc


def cached_venv(
    name: str, requirements: str, *pip_args: str, also_hash: tuple[str, ...] = (), pip: str | None = None
) -> Path:
    """A virtual environment with ``requirements`` (a file in the repository) installed, cached under
    ``cache_root()`` by the hash of that file (and of the book's lock and ``pip``, the pip to
    install first), so a changed pin rebuilds it."""
    key = lock_hash(("requirements.lock", requirements, *also_hash), extra=pip or "")
    venv = cache_root() / f"{name}-{key}"
    done = venv / ".installed"
    if done.is_file():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    _run([PYTHON, "-m", "venv", str(venv)])
    install = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if pip:
        _run([*install, pip], timeout=600)
    _run([*install, *pip_args, "-r", str(REPO_ROOT / requirements)], timeout=3600)
    done.write_text(key)
    return venv


def binder_venv() -> Path:
    """The cached virtual environment with binder/requirements.txt installed (Binder's own install)."""
    return cached_venv(
        "binder-venv", "binder/requirements.txt", also_hash=("binder/runtime.txt",), pip=BINDER_PIP
    )


def repository_copy(target: Path) -> Path:
    """The repository's files (no build output, no environments) in ``target``."""
    shutil.copytree(REPO_ROOT, target, ignore=COPY_IGNORE)
    return target


def clean_env(venv: Path, home: Path) -> dict[str, str]:
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "JPY_", "COURSE_", "VIRTUAL_ENV", "PYTHON"))
    }
    return {
        **keep,
        "HOME": str(home),
        "PATH": f"{venv / 'bin'}:{os.environ.get('PATH', '')}",
        "VIRTUAL_ENV": str(venv),
    }


def post_build(repo: Path, venv: Path, home: Path) -> str:
    """Run binder/postBuild as repo2docker does (in the repository root); its output."""
    home.mkdir(parents=True, exist_ok=True)
    proc = _run(["bash", "binder/postBuild"], cwd=repo, env=clean_env(venv, home), timeout=1200)
    for name, text in LAB_USER_SETTINGS.items():
        path = home / ".jupyter" / "lab" / "user-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return proc.stdout + proc.stderr


def labextensions(venv: Path, home: Path) -> str:
    proc = subprocess.run(
        [str(venv / "bin" / "jupyter"), "labextension", "list"],
        capture_output=True,
        text=True,
        env=clean_env(venv, home),
        timeout=300,
    )
    return ANSI.sub("", proc.stdout + proc.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    url: str
    process: subprocess.Popen
    started: float  # time.monotonic() when the server process was started
    log: Path


@contextmanager
def jupyterlab(repo: Path, venv: Path, home: Path, timeout: float = 180):
    """JupyterLab on 127.0.0.1 (no token, a free port), serving ``repo``; stopped afterwards."""
    port = free_port()
    log = home / "jupyterlab.log"
    cmd = [
        str(venv / "bin" / "jupyter"),
        "lab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.open_browser=False",
        "--LabApp.extension_manager=readonly",
        f"--ServerApp.root_dir={repo}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.geteuid() == 0:  # containers and CI machines often run as root; Binder does not
        cmd.append("--allow-root")
    with open(log, "w") as out:
        started = time.monotonic()
        process = subprocess.Popen(
            cmd, cwd=repo, env=clean_env(venv, home), stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited ({process.returncode}):\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/api/status", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"JupyterLab did not answer within {timeout:.0f} s:\n{log.read_text()[-3000:]}"
                )
            time.sleep(0.5)
        yield Lab(url=url, process=process, started=started, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


# What the browser console says when an extension was built for another JupyterLab
# (`jupyter labextension list` can still say OK, as for jupytext 1.19.5+ in JupyterLab 4.5).
# ("Unsatisfied version" warnings alone are not failures: jupyterlab_widgets 3.0.17, which
# ipywidgets 8.1.9 requires, was built against 4.6 and warns in 4.5, yet loads and works, as
# the widget checks below show.)
EXTENSION_FAILURE = re.compile(r"Failed to (create|load) module|getter for the shared module")


# --- in the browser -----------------------------------------------------------------------

LAB_READY = """async () => {
  if (!window.jupyterapp) return false;
  await window.jupyterapp.restored;
  return window.jupyterapp.commands.hasCommand('notebook:run-all-cells');
}"""

# Close everything, open one notebook, wait for its kernel (in the one JupyterLab page).
OPEN = """async (path) => {
  const app = window.jupyterapp;
  // Run notebooks are "dirty": close them without the "save changes?" dialog.
  for (const old of Array.from(app.shell.widgets('main'))) {
    if (old.context && old.context.model) old.context.model.dirty = false;
    old.dispose();
  }
  const w = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  await w.context.ready;
  await w.sessionContext.ready;
  app.shell.activateById(w.id);
  return w.context.path;
}"""

RUN_ALL = """async () => {
  const app = window.jupyterapp;
  await app.commands.execute('notebook:run-all-cells');
  return true;
}"""

# Every code cell has run (an execution count) and the kernel is idle.
RAN = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  return w.content.widgets.every(c => c.model.type !== 'code' || c.model.executionCount !== null);
}"""

PROBLEMS = """() => {
  const problems = [];
  for (const cell of window.jupyterapp.shell.currentWidget.content.widgets) {
    if (cell.model.type !== 'code') continue;
    const source = cell.model.sharedModel.getSource().split('\\n')[0].slice(0, 70);
    for (const o of cell.model.outputs.toJSON()) {
      if (o.output_type === 'error') problems.push(`${source}: ${o.ename}: ${o.evalue}`);
      if (o.output_type === 'stream' && o.name === 'stderr') problems.push(`${source}: stderr: ${String(o.text).slice(0, 200)}`);
    }
  }
  return problems;
}"""

HIDDEN_SOURCES = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .filter(c => c.model.type === 'code' && c.model.getMetadata('jupyter') && c.model.getMetadata('jupyter').source_hidden)
  .map(c => c.model.sharedModel.getSource())"""

# Cells whose metadata says collapsed but whose code editor is on screen.
EXPANDED = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .filter(c => c.model.type === 'code' && c.model.getMetadata('jupyter') && c.model.getMetadata('jupyter').source_hidden)
  .filter(c => !c.inputHidden || (c.editorWidget && c.editorWidget.node.offsetParent !== null))
  .map(c => 'collapsed cell shown expanded: ' + c.model.sharedModel.getSource().split('\\n')[0])"""

# The shown notebook's kernel is shut down without waiting for it to exit: the next notebook's
# kernel starts meanwhile (waiting left the machine idle for about 0.3 s per notebook). Only this
# session: a shutdownAll() still listing sessions could reach the next notebook's new one.
SHUTDOWN_CURRENT = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const session = w && w.sessionContext && w.sessionContext.session;
  if (session) session.shutdown().catch(() => {});
}"""

# Every kernel, awaited (after the last notebook).
SHUTDOWN_ALL = "() => window.jupyterapp.serviceManager.sessions.shutdownAll()"

TO_TOP = """async () => {
  const nb = window.jupyterapp.shell.currentWidget.content;
  nb.activeCellIndex = 0;
  if (nb.scrollToItem) await nb.scrollToItem(0, 'start');
  nb.node.querySelectorAll('.jp-WindowedPanel-outer').forEach(n => { n.scrollTop = 0; });
  await new Promise(r => setTimeout(r, 300));
}"""

VISIBLE_TEXT = """() => window.jupyterapp.shell.currentWidget.content.node.innerText"""

# Top-level widget views (a live view may nest widgets in its own output areas).
WIDGET_ROOTS = (
    ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output > .jupyter-widgets:not(.jupyter-widgets *)"
)
CONTROLS = (
    "select, .widget-toggle-buttons button:not(.mod-active), button.jupyter-button:not(.mod-active), "
    "input[type=radio]:not(:checked), input[type=checkbox], .noUi-handle"
)

# What the widget shows, without its controls (a select's value is not in its HTML, but a
# toggle's class is): a change means the kernel redrew the output.
SIGNATURE = """(el) => {
  const c = el.cloneNode(true);
  c.querySelectorAll('select, button, input, label, .widget-readout, .noUi-target, .widget-label')
    .forEach(n => n.remove());
  const s = c.innerHTML;
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return `${s.length}:${h}`;
}"""


def open_lab(page, lab_url: str, timeout_ms: int = 180_000) -> None:
    """Load JupyterLab (a new, empty workspace) in ``page`` and wait until it is ready."""
    # Not "?reset": JupyterLab reloads the page after resetting, which would drop our handle.
    workspace = f"test-{os.getpid()}-{time.monotonic_ns()}"
    page.goto(f"{lab_url}/lab/workspaces/{workspace}", wait_until="load", timeout=timeout_ms)
    page.wait_for_function(LAB_READY, timeout=timeout_ms, polling=100)
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    page.wait_for_function(LAB_READY, timeout=timeout_ms, polling=100)


def open_notebook(page, path: str, timeout_ms: int = 120_000) -> None:
    page.set_default_timeout(timeout_ms)
    page.wait_for_function(LAB_READY, timeout=timeout_ms, polling=100)
    opened = page.evaluate(OPEN, path)
    if opened != path:
        raise AssertionError(f"{path}: JupyterLab opened {opened!r}")
    page.wait_for_function(
        "(p) => { const w = window.jupyterapp.shell.currentWidget;"
        " return w && w.context && w.context.path === p && w.node.classList.contains('jp-NotebookPanel'); }",
        arg=path,
        timeout=timeout_ms,
        polling=100,
    )


def run_all(page, timeout_ms: int = 300_000) -> None:
    page.evaluate(RUN_ALL)
    page.wait_for_function(RAN, timeout=timeout_ms, polling=100)


def change_control(control) -> None:
    tag = control.evaluate("el => el.tagName.toLowerCase()")
    if tag == "select":
        values = control.evaluate("el => Array.from(el.options).map(o => o.value)")
        current = control.evaluate("el => el.value")
        others = [v for v in values if v != current]
        if others:
            control.select_option(others[-1])
    elif "noUi-handle" in (control.get_attribute("class") or ""):
        control.focus()
        control.press("PageUp")
        control.press("ArrowRight")
    else:
        control.click()


def widget_responds(page, root, timeout_ms: int = 20_000, max_controls: int = 8) -> str | None:
    """Change the widget's controls one after another until its output changes.

    Returns None when the output changed, otherwise what was tried.
    """
    controls = root.locator(CONTROLS)
    count = min(controls.count(), max_controls)
    if count == 0:
        return "no control found"
    for i in range(count):
        before = root.evaluate(SIGNATURE)
        control = controls.nth(i)
        if not control.is_visible():
            continue
        change_control(control)
        try:
            page.wait_for_function(
                f"([el, before]) => ({SIGNATURE})(el) !== before",
                arg=[root.element_handle(), before],
                timeout=timeout_ms,
                polling=200,
            )
            return None
        except Exception:  # noqa: BLE001 - try the next control
            continue
    return f"none of {count} controls changed the output within {timeout_ms / 1000:.0f} s"
