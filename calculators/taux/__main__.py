"""`python -m calculators.taux` : la mise à jour des tables de taux, comme `python -m calculators.taux.maj`.

Le paquet n'a qu'une commande : la lancer par son nom court évite l'erreur anglaise de Python
(« No module named calculators.taux.__main__ »).
"""

import sys

from .maj import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m calculators.taux"))
