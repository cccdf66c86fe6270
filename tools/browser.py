"""JupyterLab in headless Chromium: the one setup behind the browser tests and the screenshots.

:func:`run_jupyter_lab` starts a private JupyterLab server (free loopback port, random token,
its own settings and runtime folders, the participant's workbook named through
``MENTORKIT_WORKBOOK``) and stops it with all its kernels afterwards.  :func:`chromium_page`
opens a page in Debian's Chromium through Playwright.  The helpers below drive a notebook the
way a person would (open it, run every cell, wait until the kernel is idle) and read back what
went wrong, so a test failure says which cell broke and why.

Playwright is a test dependency (``.[test]``), imported only here and only when a page is
opened, so importing :mod:`mentorkit` never needs it.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

from mentorkit.errors import MentorkitError

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: Debian's Chromium: Playwright's own browser download does not work on our machines.
CHROMIUM: Final = Path("/usr/bin/chromium")
#: Flags that let Chromium run as root in a container, without a GPU or network chatter.
CHROMIUM_ARGS: Final = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: Generous: a cold JupyterLab on two busy cores can take 20 s to answer.
SERVER_START_TIMEOUT_S: Final = 90.0
#: Milliseconds Playwright waits for a notebook to open or for its cells to finish.
NOTEBOOK_TIMEOUT_MS: Final = 120_000

#: Milliseconds the page may take to draw every output once the kernel is done.
OUTPUT_DRAW_TIMEOUT_MS: Final = 30_000
#: JupyterLab user settings for a quiet page: no news or update toasts over the notebook.
_QUIET_SETTINGS: Final = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
}

# JavaScript run in the page.  ``window.jupyterapp`` exists because the server is started with
# --LabApp.expose_app_in_browser=True.
_JS_NOTEBOOK_READY = """(name) => {
  const app = window.jupyterapp;
  if (!app) return false;
  const panel = app.shell.currentWidget;
  if (!panel || !panel.context || panel.context.path.split('/').pop() !== name) return false;
  const kernel = panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && panel.content.widgets.length > 0;
}"""
_JS_RUN_ALL = """async () => {
  const app = window.jupyterapp;
  await app.commands.execute('notebook:run-all-cells');
  return true;
}"""
_JS_ALL_CELLS_DONE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  return panel.content.widgets.every(
    (cell) => cell.model.type !== 'code' || cell.model.executionCount !== null);
}"""
# Widget outputs stay empty until the front end has loaded the widget's code and drawn it
# (or drawn an error in its place): an empty output means "not there yet".
_JS_UNDRAWN_OUTPUTS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const found = [];
  panel.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    const empty = Array.from(cell.node.querySelectorAll('.jp-OutputArea-output'))
      .filter((output) => output.childNodes.length === 0).length;
    if (empty) found.push(`cell ${index}`);
  });
  return found;
}"""
_JS_ERRORS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const found = [];
  panel.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {
      const output = outputs.get(i).toJSON();
      if (output.output_type === 'error') {
        found.push(`cell ${index}: ${output.ename}: ${output.evalue}`);
      }
    }
    // A widget the front end could not draw (model missing, view code failing).
    const node = cell.node;
    const broken = node.querySelectorAll('.jupyter-widgets-error-widget').length;
    if (broken || node.innerText.includes('Error displaying widget')) {
      found.push(`cell ${index}: a widget could not be displayed in the page`);
    }
  });
  return found;
}"""


class BrowserSetupError(MentorkitError, RuntimeError):
    """JupyterLab or Chromium could not be started, or a notebook did not run in the page."""


@dataclass(frozen=True)
class LabServer:
    """A running JupyterLab server.

    Attributes:
        base_url: ``http://127.0.0.1:<port>``.
        token: The server's access token.
        root_dir: The folder the server shows (a copy of the notebooks).
        log_path: Where the server's output goes; read it when something fails.
    """

    base_url: str
    token: str
    root_dir: Path
    log_path: Path

    def notebook_url(self, notebook: str) -> str:
        """The address that opens ``notebook`` (relative to ``root_dir``) in JupyterLab."""
        return f"{self.base_url}/lab/tree/{quote(notebook)}?token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the server log, for error messages."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _write_quiet_settings(settings_dir: Path) -> None:
    for relative, values in _QUIET_SETTINGS.items():
        target = settings_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, indent=2), encoding="utf-8")


def _server_answers(base_url: str, token: str) -> bool:
    request = urllib.request.Request(  # noqa: S310 - our own http://127.0.0.1 server
        f"{base_url}/api/status", headers={"Authorization": f"token {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _stop_process_group(process: subprocess.Popen[bytes]) -> None:
    """Stop the server, then anything it left behind (kernels share its process group)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


@contextlib.contextmanager
def run_jupyter_lab(
    root_dir: str | os.PathLike[str],
    workbook: str | os.PathLike[str],
    state_dir: str | os.PathLike[str],
    *,
    extra_env: Mapping[str, str] | None = None,
    timeout_s: float = SERVER_START_TIMEOUT_S,
) -> Iterator[LabServer]:
    """Run JupyterLab on ``root_dir`` for as long as the ``with`` block lasts.

    Args:
        root_dir: The folder to serve; pass a copy, because running notebooks changes them.
        workbook: The workbook the notebooks open by default (``MENTORKIT_WORKBOOK``).
        state_dir: A private folder for the server's settings, runtime files and log, so a
            person's own JupyterLab state is neither used nor changed.
        extra_env: More environment variables for the server and its kernels.
        timeout_s: How long to wait for the server to answer.

    Raises:
        BrowserSetupError: The server exited or did not answer in time (the message ends
            with its log).
    """
    state = Path(state_dir)
    state.mkdir(parents=True, exist_ok=True)
    _write_quiet_settings(state / "lab-settings")
    token = secrets.token_hex(16)
    port = free_port()
    env = dict(os.environ)
    env.update(
        {
            "MENTORKIT_WORKBOOK": str(Path(workbook).resolve()),
            "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(state / "lab-settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(state / "lab-workspaces"),
            # Kernels print no "matplotlib is building the font cache" surprises into cells.
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        }
    )
    env.update(extra_env or {})
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={Path(root_dir).resolve()}",
        "--ServerApp.terminals_enabled=False",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        # As `make lab` and Binder: notebooks are saved without outputs.
        "--ContentsManager.pre_save_hook=mentorkit.packaged.strip_outputs_before_save",
    ]
    log_path = state / "jupyter-lab.log"
    base_url = f"http://127.0.0.1:{port}"
    server = LabServer(base_url, token, Path(root_dir).resolve(), log_path)
    with log_path.open("wb") as log:
        # A session of its own, so stopping it also stops the kernels it started.
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        try:
            deadline = time.monotonic() + timeout_s
            while not _server_answers(base_url, token):
                if process.poll() is not None:
                    raise BrowserSetupError(
                        f"JupyterLab exited with code {process.returncode}:\n{server.log_tail()}"
                    )
                if time.monotonic() > deadline:
                    raise BrowserSetupError(
                        f"JupyterLab did not answer on {base_url} within {timeout_s:.0f} s:\n"
                        f"{server.log_tail()}"
                    )
                time.sleep(0.3)
            yield server
        finally:
            _stop_process_group(process)


@contextlib.contextmanager
def chromium_page(
    *, width: int = 1280, height: int = 900, executable: Path = CHROMIUM
) -> Iterator[Page]:
    """A fresh page in headless Chromium, closed afterwards.

    Raises:
        BrowserSetupError: Chromium is not installed at ``executable``.
    """
    if not executable.exists():
        raise BrowserSetupError(
            f"{executable} not found: install Debian's chromium (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright  # test dependency; see the module doc

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


def open_notebook(
    page: Page, server: LabServer, notebook: str, *, timeout_ms: int = NOTEBOOK_TIMEOUT_MS
) -> None:
    """Open ``notebook`` in JupyterLab and wait until its kernel is idle.

    The first notebook loads the page; later ones open inside the running app, because a
    reload would also restore (and start kernels for) every tab of the saved workspace.
    """
    if page.url.startswith(server.base_url) and page.evaluate("() => !!window.jupyterapp"):
        page.evaluate(
            """async (path) => {
              await window.jupyterapp.commands.execute('docmanager:open', {path});
              return true;  // the widget itself cannot travel back to Python
            }""",
            notebook,
        )
    else:
        page.goto(server.notebook_url(notebook), wait_until="domcontentloaded")
    page.wait_for_function(
        _JS_NOTEBOOK_READY, arg=Path(notebook).name, timeout=timeout_ms, polling=250
    )


def run_all_cells(page: Page, *, timeout_ms: int = NOTEBOOK_TIMEOUT_MS) -> None:
    """Run every cell of the open notebook and wait until all ran and the kernel is idle.

    Raises:
        BrowserSetupError: A cell raised, a widget could not be drawn, or an output never
            appeared; the message names each cell and what went wrong.
    """
    page.evaluate(_JS_RUN_ALL)
    page.wait_for_function(_JS_ALL_CELLS_DONE, timeout=timeout_ms, polling=250)
    _wait_until_outputs_are_drawn(page, timeout_ms=OUTPUT_DRAW_TIMEOUT_MS)
    errors = notebook_errors(page)
    if errors:
        raise BrowserSetupError("the notebook raised in the browser: " + "; ".join(errors))


def _wait_until_outputs_are_drawn(page: Page, *, timeout_ms: int) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        page.wait_for_function(
            f"() => ({_JS_UNDRAWN_OUTPUTS})().length === 0", timeout=timeout_ms, polling=250
        )
    except PlaywrightTimeoutError:
        undrawn = page.evaluate(_JS_UNDRAWN_OUTPUTS)
        raise BrowserSetupError(
            f"outputs never drawn in the page after {timeout_ms / 1000:.0f} s: "
            + ", ".join(map(str, undrawn))
        ) from None


def notebook_errors(page: Page) -> list[str]:
    """``cell N: Name: message`` for each error output and each widget the page could not draw."""
    found: Any = page.evaluate(_JS_ERRORS)
    return [str(item) for item in found]


def wait_for_kernel_idle(page: Page, *, timeout_ms: int = NOTEBOOK_TIMEOUT_MS) -> None:
    """Wait until the open notebook's kernel has nothing left to do (e.g. after a click)."""
    page.wait_for_function(_JS_ALL_CELLS_DONE, timeout=timeout_ms, polling=250)


def close_notebook(page: Page) -> None:
    """Shut down the open notebook's kernel and close it without saving (no dialog)."""
    page.evaluate(
        """async () => {
          const panel = window.jupyterapp.shell.currentWidget;
          if (!panel || !panel.sessionContext) return;
          await panel.sessionContext.shutdown();
          panel.context.model.dirty = false;  // running cells is not an edit worth a prompt
          panel.close();
        }"""
    )


def scroll_notebook_to_top(page: Page) -> None:
    """Show the beginning of the open notebook (running cells scrolls to the last one)."""
    page.evaluate(
        """() => {
          const panel = window.jupyterapp.shell.currentWidget;
          panel.content.activeCellIndex = 0;
          panel.content.node.scrollTop = 0;
        }"""
    )
