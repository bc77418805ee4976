"""The figures the smoke test reports of its own process."""

import subprocess
import sys

from reviewdesk.ui.process_stats import peak_rss_mb


def test_the_peak_is_this_processs_not_that_of_the_process_that_started_it() -> None:
    """A process started by a big one (a test runner grown to 800 MiB) reported the big one's
    peak: getrusage keeps it across exec."""
    code = (
        "import subprocess, sys\n"
        "held = bytearray(400 << 20)  # resident: 400 MiB, written below\n"
        "held[::4096] = b'x' * len(held[::4096])\n"
        "child = 'from reviewdesk.ui.process_stats import peak_rss_mb; print(peak_rss_mb())'\n"
        "print(subprocess.run([sys.executable, '-c', child], capture_output=True, text=True,"
        " check=True, close_fds=False, preexec_fn=lambda: None).stdout)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(done.stdout) < 200  # an interpreter and this module: some 20 MiB
    assert peak_rss_mb() > 0
