"""`python -m checker ...` (with scripts/ on PYTHONPATH): see checker.cli."""

from checker.cli import main

raise SystemExit(main())
