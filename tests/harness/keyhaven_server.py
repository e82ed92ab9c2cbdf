"""The Keyhaven server harness shared by the Python interop suites (tests/pykmip,
tests/cyphera): starts the real `keyhaven serve` binary on a temporary data
directory, runs its CLI, stops it and checks it stopped cleanly.

The tests build nothing: they run the server binary named by $KEYHAVEN_BIN, or
target/debug/keyhaven (build it with `cargo build -p keyhaven`).
"""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

import keyhaven_pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 30
STOP_TIMEOUT_S = 45


def keyhaven_bin():
    """The server binary: $KEYHAVEN_BIN (relative to the current directory
    or the repository root) or target/debug/keyhaven."""
    given = os.environ.get("KEYHAVEN_BIN")
    if given:
        candidates = [Path(given), REPO_ROOT / given]
    else:
        candidates = [REPO_ROOT / "target" / "debug" / "keyhaven"]
    for c in candidates:
        if c.is_file() and os.access(str(c), os.X_OK):
            return c.resolve()
    pytest.fail(
        "Keyhaven binary not found at {} (set KEYHAVEN_BIN, or build it with "
        "`cargo build -p keyhaven`; these tests build nothing)".format(
            candidates[0]),
        pytrace=False)


def server_env():
    """The environment for keyhaven, without Keyhaven settings inherited
    from the caller, so that only the flags given here apply."""
    env = dict(os.environ)
    env["NO_COLOR"] = "1"  # plain log lines
    for k in list(env):
        if k.startswith("KEYHAVEN_"):
            del env[k]
    return env


class KeyhavenServer:
    """One `keyhaven serve` process, its log file and its CLI."""

    def __init__(self, binary, workdir, data_dir=None):
        self.binary = binary
        self.workdir = Path(workdir)
        self.data_dir = data_dir  # None: the default (./keyhaven-data)
        self.log_path = self.workdir / "server.log"
        self.proc = None
        self.host = None
        self.port = None

    def _data_dir_args(self):
        return ["--data-dir", str(self.data_dir)] if self.data_dir else []

    def cli(self, *args):
        """Runs a keyhaven subcommand in the work directory; fails the test
        with its output if it exits non-zero."""
        cmd = [str(self.binary)] + self._data_dir_args() + list(args)
        res = subprocess.run(
            cmd, cwd=str(self.workdir), env=server_env(),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            timeout=60)
        if res.returncode != 0:
            pytest.fail("`{}` exited {}:\n{}".format(
                " ".join(cmd), res.returncode, res.stdout), pytrace=False)
        return res.stdout

    def start(self, *serve_args, ready_file=None, wait_port=None):
        """Starts the server; waits until it has written ready_file (and
        returns the address in it) or, without one, until wait_port accepts
        connections."""
        cmd = ([str(self.binary)] + self._data_dir_args() + ["serve"]
               + list(serve_args))
        if ready_file:
            cmd += ["--ready-file", str(ready_file)]
        log = open(str(self.log_path), "ab")
        self.proc = subprocess.Popen(
            cmd, cwd=str(self.workdir), env=server_env(), stdout=log,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        keyhaven_pytest.register_server(self)

        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail("keyhaven serve exited with {} before it was "
                            "ready:\n{}".format(self.proc.returncode,
                                                self.log_since(0)),
                            pytrace=False)
            if ready_file and self._read_ready_file(ready_file):
                return
            if wait_port and port_accepts("127.0.0.1", wait_port):
                self.host, self.port = "127.0.0.1", wait_port
                return
            time.sleep(0.05)
        self.stop()
        pytest.fail("keyhaven serve was not ready after {}s:\n{}".format(
            READY_TIMEOUT_S, self.log_since(0)), pytrace=False)

    def _read_ready_file(self, ready_file):
        try:
            text = Path(ready_file).read_text()
        except FileNotFoundError:
            return False
        lines = text.split()
        if not lines:
            return False
        host, _, port = lines[0].rpartition(":")
        if not port.isdigit() or not host:
            return False  # being written
        self.host, self.port = host.strip("[]"), int(port)
        return True

    def stop(self):
        """SIGTERM, then waits; returns the exit code (kills it and returns
        None if it does not stop)."""
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def log_size(self):
        try:
            return self.log_path.stat().st_size
        except FileNotFoundError:
            return 0

    def log_since(self, offset):
        try:
            with open(str(self.log_path), "rb") as f:
                f.seek(offset)
                return f.read().decode("utf-8", "replace")
        except FileNotFoundError:
            return ""


def port_accepts(host, port):
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def stop_and_check(server):
    rc = server.stop()
    if rc != 0:
        pytest.fail("keyhaven serve did not stop cleanly on SIGTERM (exit "
                    "code {}); its log:\n{}".format(rc, server.log_since(0)),
                    pytrace=False)
