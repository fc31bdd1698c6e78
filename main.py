"""Start 村妇联工作台: ``python main.py [--db PATH]``."""

from fedclient.app import main

if __name__ == "__main__":
    raise SystemExit(main())
