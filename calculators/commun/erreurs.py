"""Erreurs de saisie : chacune nomme le champ fautif et dit en français comment corriger."""

from __future__ import annotations

import errno
from dataclasses import dataclass


@dataclass(frozen=True)
class ErreurChamp:
    field: str
    message: str

    def en_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


class SaisieInvalide(Exception):
    """Une ou plusieurs saisies refusées ; le formulaire les affiche toutes à la fois.

    La seule erreur qui sort d'un calculateur : les règles lèvent leurs propres exceptions
    (sans nom de champ ni phrase), que le module `champs` de chaque calculateur traduit ici.
    """

    def __init__(self, erreurs: list[ErreurChamp]):
        super().__init__("; ".join(f"{e.field} : {e.message}" for e in erreurs))
        self.erreurs = erreurs

    @classmethod
    def au_champ(cls, field: str, message: str) -> "SaisieInvalide":
        return cls([ErreurChamp(field, message)])


class Collecteur:
    """Accumule les erreurs pour les signaler toutes ensemble plutôt qu'une par une."""

    def __init__(self):
        self.erreurs: list[ErreurChamp] = []

    def ajouter(self, field: str, message: str) -> None:
        self.erreurs.append(ErreurChamp(field, message))

    def lire(self, fonction, *args, **kwargs):
        """Appelle une fonction de lecture ; en cas d'erreur, la note et rend None."""
        try:
            return fonction(*args, **kwargs)
        except SaisieInvalide as exc:
            self.erreurs.extend(exc.erreurs)
            return None

    def a_des_erreurs(self, *champs: str) -> bool:
        return any(e.field in champs for e in self.erreurs) if champs else bool(self.erreurs)

    def lever_si_erreurs(self) -> None:
        if self.erreurs:
            raise SaisieInvalide(self.erreurs)


# Le système dit pourquoi un fichier ne s'ouvre pas en anglais (`strerror`) : redit en français
# pour les cas qu'un utilisateur rencontre, le code errno sinon.
_CAUSES_SYSTEME = {
    errno.ENOENT: "ce fichier n'existe pas (vérifiez le chemin)",
    errno.EACCES: "accès refusé (droits du fichier ou du dossier)",
    errno.EPERM: "opération non permise",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "le support est en lecture seule",
    errno.EEXIST: "un fichier du même nom existe déjà",
    errno.ENAMETOOLONG: "nom de fichier trop long",
}


def cause_systeme(exc: OSError) -> str:
    """Pourquoi un fichier ne s'ouvre pas ou ne s'écrit pas, en français.

    >>> cause_systeme(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    "ce fichier n'existe pas (vérifiez le chemin)"
    >>> cause_systeme(OSError(errno.EIO, "Input/output error"))
    'erreur du système (errno 5)'
    """
    cause = _CAUSES_SYSTEME.get(exc.errno)
    return cause or (f"erreur du système (errno {exc.errno})" if exc.errno else "erreur du système")
