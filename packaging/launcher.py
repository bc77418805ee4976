"""The frozen app's entry point: the same `main` as the `reviewdesk` command."""

import sys

from reviewdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
