"""`python -m translate_kit` runs the command line."""

from translate_kit.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
