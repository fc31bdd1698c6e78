from fedclient.cli import main

raise SystemExit(main())
