"""Start-up problems a council IT team can fix end `python app.py` with one line naming the fix and exit
status 2, not a traceback: settings, content, a state store that cannot be made, a port already in use."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run_app(tmp_path: Path, **environ: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MicrosoftAppId": "", "HOST": "127.0.0.1", "SQLITE_PATH": str(tmp_path / "state.db"),
           "INDEX_CACHE_DIR": "off", **environ}
    return subprocess.run([sys.executable, str(REPO / "app.py")], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize(("environ", "says"), [
    ({"LOG_LEVEL": "verbose"}, "Configuration error: LOG_LEVEL must be one of"),
    ({"STORAGE": "blob"}, "Configuration error: BLOB_CONNECTION_STRING is required"),
    ({"STORAGE": "blob", "BLOB_CONNECTION_STRING": "UseDevelopmentStorage=true", "BLOB_CONTAINER": "Bad_Name"},
     "Configuration error: BLOB_CONTAINER must be"),
    ({"HOST": "0.0.0.0"}, "Configuration error: HOST '0.0.0.0' would put local mode"),
])
def test_a_setting_that_cannot_work_stops_start_up_with_one_line(tmp_path, environ, says):
    done = _run_app(tmp_path, **environ)
    assert done.returncode == 2
    assert says in done.stderr and "Traceback" not in done.stderr


def test_a_port_already_in_use_stops_start_up_with_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        done = _run_app(tmp_path, PORT=str(taken.getsockname()[1]))
    assert done.returncode == 2
    assert "Cannot listen on 127.0.0.1:" in done.stderr and "another copy" in done.stderr
    assert "Traceback" not in done.stderr
