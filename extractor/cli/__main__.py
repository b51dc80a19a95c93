"""`python -m extractor.cli` runs the command line."""

from extractor.cli import main

main()
