"""pytest hooks shared by the Python interop suites: show the Keyhaven server
log when a test fails.

A server fixture (keyhaven_server.KeyhavenServer) yields an object with a ``log_path`` and a
``log_since(offset)`` method; for each failing test that used one, the lines
that server logged during the test are attached to the failure report, and the
terminal summary points at the full logs.
"""

import pytest

# Servers whose log is worth showing, by log path (filled by the fixtures).
_SERVERS = {}
_FAILED = []


def register_server(server):
    _SERVERS[str(server.log_path)] = server


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    # Remember where each server's log stood when the test began.
    item._keyhaven_log_offsets = {
        path: s.log_size() for path, s in _SERVERS.items()
    }
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    _FAILED.append(item.nodeid)
    offsets = getattr(item, "_keyhaven_log_offsets", {})
    for path, server in _SERVERS.items():
        text = server.log_since(offsets.get(path, 0))
        if text.strip():
            report.sections.append(
                ("keyhaven server log ({})".format(path), text))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not _FAILED or not _SERVERS:
        return
    terminalreporter.section("keyhaven server logs")
    for path, server in _SERVERS.items():
        terminalreporter.write_line("full log: {}".format(path))
        tail = server.log_since(0).splitlines()[-60:]
        terminalreporter.write_line("last {} lines:".format(len(tail)))
        for line in tail:
            terminalreporter.write_line("  " + line)
