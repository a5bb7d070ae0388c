"""Run `python -m variance ARGV...` and write the peak memory the kernel counted for it (KB) to
the file named by $PEAK_FILE; exit as it exited (a signal that ended it ends this too).

The hostile tests start this small process rather than variance itself: a process forked from
the test runner and exec'd keeps the runner's resident size as its own peak (the kernel carries
the old image's high-water mark across exec), so variance is forked from here, a process a few
MB large, and its own peak is what is measured."""

from __future__ import annotations

import os
import signal
import sys


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    pid = os.fork()
    if pid == 0:
        os.execv(sys.executable, [sys.executable, "-m", "variance", *sys.argv[1:]])
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, _frame: os.kill(pid, signum))
    while True:
        try:
            _, status, usage = os.wait4(pid, 0)
            break
        except InterruptedError:
            continue
    with open(os.environ["PEAK_FILE"], "w", encoding="ascii") as out:
        out.write(str(usage.ru_maxrss))
    if os.WIFSIGNALED(status):
        signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
        os.kill(os.getpid(), os.WTERMSIG(status))
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
