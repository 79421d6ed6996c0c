"""Erreurs de saisie : chacune nomme le champ fautif et dit en français comment corriger."""

from __future__ import annotations

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
