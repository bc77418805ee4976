"""The frozen app's entry point: the same `main` as the `reviewdesk` command."""

import multiprocessing
import sys

from reviewdesk.cli import main

if __name__ == "__main__":
    # A batch export's worker processes are this executable started again (spawned): this
    # makes each of them run its work, not the app.
    multiprocessing.freeze_support()
    sys.exit(main())
