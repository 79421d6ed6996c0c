"""`python -m calculators.portefeuille …` : la même commande que `python -m calculators portefeuille …`."""

import sys

from .cli import _parseur, main

if __name__ == "__main__":
    sys.exit(main(_parseur().parse_args()))
