"""Azurite, Microsoft's Azure Storage emulator, on loopback for tests of STORAGE=blob.

`run_azurite` installs the pinned Azurite into `<repo>/.e2e/azurite` with npm if it is not there yet (the folder
is git-ignored), starts `azurite-blob` on a free port with its data in a temporary folder, waits until it
accepts connections, yields the connection string for the emulator's well-known development account and stops
the process afterwards. Only a missing npm is a reason to skip (`AzuriteUnavailable`); a failed install or start
is an error.
"""

import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

AZURITE_VERSION = "3.35.0"
INSTALL_TIMEOUT_SECONDS = 600
START_TIMEOUT_SECONDS = 30
ACCOUNT = "devstoreaccount1"
# The emulator's fixed development key: public, documented by Microsoft and shipped in azurite/dist.
ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="


class AzuriteUnavailable(RuntimeError):
    """Azurite cannot be installed on this machine (npm is missing)."""


@dataclass(frozen=True)
class Azurite:
    """A running emulator: its connection string and how long it took to accept connections."""

    connection_string: str
    port: int
    start_seconds: float


def connection_string(port: int) -> str:
    """The development account's connection string for a blob endpoint on 127.0.0.1:port."""
    return (f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={ACCOUNT_KEY};"
            f"BlobEndpoint=http://127.0.0.1:{port}/{ACCOUNT};")


def free_port() -> int:
    """A loopback TCP port nobody is listening on (at the moment of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_installed(prefix: Path) -> Path:
    """The azurite-blob executable under prefix, installing the pinned version with npm when needed."""
    executable = prefix / "node_modules" / ".bin" / "azurite-blob"
    package = prefix / "node_modules" / "azurite" / "package.json"
    if executable.exists() and package.is_file() and json.loads(package.read_text())["version"] == AZURITE_VERSION:
        return executable
    npm = shutil.which("npm")
    if npm is None:
        raise AzuriteUnavailable("npm is not installed: Azurite (npm package azurite) is needed for blob tests")
    prefix.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--save-exact",
         f"azurite@{AZURITE_VERSION}"],
        capture_output=True, text=True, timeout=INSTALL_TIMEOUT_SECONDS, check=False,
    )
    if result.returncode != 0 or not executable.exists():
        raise RuntimeError(f"npm install azurite@{AZURITE_VERSION} failed ({result.returncode}):\n{result.stderr}")
    return executable


def _wait_until_listening(process: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"azurite-blob exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"azurite-blob did not listen on port {port} within {START_TIMEOUT_SECONDS} s")


@contextmanager
def run_azurite(prefix: Path, location: Path) -> Iterator[Azurite]:
    """Install if needed, start azurite-blob with its data under location, yield it, stop it."""
    executable = ensure_installed(prefix)
    port = free_port()
    location.mkdir(parents=True, exist_ok=True)
    log_path = location / "azurite.log"
    started = time.perf_counter()
    with log_path.open("w") as log_file:
        process = subprocess.Popen(
            [str(executable), "--silent", "--loose", "--disableTelemetry", "--location", str(location),
             "--blobHost", "127.0.0.1", "--blobPort", str(port)],
            stdout=log_file, stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_listening(process, port, log_path)
            yield Azurite(connection_string(port), port, time.perf_counter() - started)
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
