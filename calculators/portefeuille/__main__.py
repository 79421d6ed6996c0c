"""`python -m calculators.portefeuille …` : la même commande que `python -m calculators portefeuille …`,
messages d'argparse en français et sortie fermée en route (`… --json | head`) comprises."""

import sys

from ..__main__ import principal
from .cli import _parseur, main

if __name__ == "__main__":
    sys.exit(principal(lambda: main(_parseur().parse_args())))
