"""Ce que l'analyse a supposé (hypothèses, avec le nombre de cas) et ce qu'il faut vérifier
(avertissements) : la lecture du fichier, le lettrage et les pénalités en comptent les cas,
mis ici en phrases françaises, listés avec le résultat."""

from __future__ import annotations

import datetime as dt

from ..commun import format_fr as fr
from ..delai.regles import plafond_general
from ..taux import NON_CONFIRME, couvert_jusqu_au
from .modele import CLIENTS, FOURNISSEURS, ZERO
from .penalites import TAUX_INCONNU
from .lettres_preremplies import FACTURES_PAR_LETTRE
from .champs import FORMULAIRE
from .colonnes_tableur import LIBELLES, citer_colonnes, colonnes_d_echeance_non_lues
from .libelles import libelle_delai

# Un tableau de factures qui commence plus tard que la période retenue (douze mois) : au-delà de
# ce trou, le chiffre d'affaires du DSO simple et du tableau D441-6 manque visiblement.
COUVERTURE_MIN_JOURS = 90

# Tableau de factures : valeurs ignorées, lignes de total, numéros repris (voir `lecture_csv`).
_PHRASES_TABLEUR = {
    "valeurs_ignorees": "{n} valeur{s} illisible{s} ou invraisemblable{s} dans une colonne facultative (échéance, "
                        "paiement, montant HT, reste à payer) : ignorée{s}, la facture gardée ; ligne et colonne "
                        "dans le tableau des lignes rejetées ou gardées avec une remarque.",
    "paiements_avant_facture": "{n} règlement{s} daté{s} avant la facture : compté{s} (acompte ?) ; vérifiez ces "
                               "dates (tableau des lignes rejetées ou gardées avec une remarque).",
    "paiements_negatifs": "{n} montant{s} payé{s} négatif{s} (signe comptable du crédit) : compté{s} comme "
                          "règlement{s}, en valeur absolue ; vérifiez-le{s} (tableau des lignes rejetées ou gardées "
                          "avec une remarque).",
    "montants_douteux": "{n} montant{s} sans décimales suivi{s} d'une cellule d'un ou deux chiffres (fichier séparé par "
                        "des virgules : « 1234,56 » coupé par sa virgule ?) : lu{s} tel{s} quel{s} ; vérifiez-le{s} "
                        "(tableau des lignes rejetées ou gardées avec une remarque).",
    "factures_en_echeances": "{n} ligne{s} d'une facture déjà lue (même client, numéro et date) à une autre "
                             "échéance : une facture payable en plusieurs fois, chaque échéance due à sa date ; une "
                             "seule indemnité de 40 € par facture (D441-5).",
    "lignes_de_total": "{n} ligne{s} de total (« Total », « Sous-total »…) ignorée{s} : ni facture ni client.",
    "factures_meme_numero": "{n} facture{s} au même numéro qu'une autre du même client, avec un autre montant ou "
                            "une autre date : chacune est comptée comme une facture à part ; vérifiez l'export "
                            "(tableau des lignes rejetées ou gardées avec une remarque).",
    "lignes_courtes_tableur": "{n} ligne{s} plus courte{s} que l'en-tête (Excel n'écrit pas les séparateurs des "
                              "dernières cellules vides) : cellules finales lues vides.",
}


# Ce que le lettrage et la lecture des comptes ont rencontré (voir `calcul._compter`, `douteux_fec`).
_PHRASES_COMPTES = {
    "avoirs_imputes": "{n} facture{s} diminuée{s} d'un avoir : les pénalités portent sur la facture avoirs déduits.",
    "pertes": "{n} facture{s} soldée{s} par une perte sur créance irrécouvrable (comptes 654, 6714) : ni payée{s} "
              "(hors du tableau D441-6 II, du retard moyen au paiement et des notes de débit) ni due{s} ; les "
              "pénalités sont comptées jusqu'à la perte.",
    "lettrages_sans_credit": "{n} lettrage{s} sans règlement ni avoir du même code dans le compte du tiers : "
                             "facture{s} due{s}, sauf crédit non lettré imputé par antériorité. Le lettrage a-t-il "
                             "été fait avec un autre compte (un autre client, le 416, un compte d'attente) ? "
                             "Vérifiez-le dans votre comptabilité.",
    "lettrages_croises": "{n} lettrage{s} où la facture porte le numéro de pièce de son règlement et le règlement "
                         "celui de la facture, ou plusieurs numéros séparés par « ; » ou « , » (Business Central, "
                         "Dynamics 365) : chaque facture est rapprochée des règlements qu'elle cite ou qui la citent.",
    "comptes_a_plusieurs_libelles": "{n} compte{s} de tiers sans compte auxiliaire porte{nt} plusieurs libellés "
                                    "(CompteLib) : chaque libellé y est lu comme un client à part, le nom du client "
                                    "(OpenFlyers l'écrit ainsi au compte 411). Si ce sont les noms successifs d'un "
                                    "même compte, ses règlements ne soldent pas ses factures d'un autre libellé : "
                                    "vérifiez le plan de comptes de l'export.",
    "lignes_multi_clients": "{n} ligne{s} de compte client au compte auxiliaire « * » (« multi-clients » : une "
                            "remise de plusieurs clients, ancien export de Dynamics NAV) : rattachée{s} à aucun "
                            "client, elle{s} ne solde{nt} aucune facture, qui peut paraître encore due. Exportez le "
                            "FEC avec le client de chaque ligne (extension FEC Audit File de Business Central).",
    "lignes_repetees": "{n} ligne{s} de tiers répétée{s} à l'identique dans son écriture, qui ne s'équilibre que "
                       "sans elle : comptée{s} une fois ; voir les lignes signalées.",
    "virements_douteux": "{n} virement{s} entre le compte d'un client et son compte de clients douteux ou "
                         "litigieux (416) : ni règlement ni facture. La créance reste la facture d'origine, avec "
                         "son échéance et ses pénalités ; les règlements passés au 416 la soldent.",
}


# Ce que les décomptes de pénalités ont demandé (voir `calcul._compter_penalites`).
_PHRASES_PENALITES = {
    "non_confirme": "{n} décompte{s} de pénalités utilise{nt} un taux " + NON_CONFIRME + ".",
    "prolonge": "{n} décompte{s} prolonge{nt} le dernier taux connu, à votre demande (estimation).",
    "prescrites": "{n} facture{s} en retard échue{s} (impayée{s}) ou payée{s} depuis plus de cinq ans : entre "
                  "commerçants, l'action se prescrit par cinq ans (C. com. art. L110-4), sauf interruption "
                  "(reconnaissance de dette, action en justice). Elle{s} reste{nt} dans les totaux de pénalités, "
                  "marquée{s} « prescription possible » : retirez-le{s} avant de réclamer si rien n'a "
                  "interrompu le délai.",
}


def _phrases_hypotheses(r) -> dict:
    au = fr.date_courte(r.au)
    delai = r.reglages.delai
    return {
        "echeances_calculees": "{n} échéance{s} calculée{s} faute d'échéance dans le fichier : " + libelle_delai(delai.code)
        + f" (C. com. art. {delai.article})"
        + (f", sauf pour {fr.quantite(r.delais_propres, 'client')} au délai propre" if r.delais_propres else "")
        + ".",
        "anteriorite": "{n} règlement{s} ou avoir{s} non lettré{s}, ou au-delà des factures de son lettrage, imputé{s} "
                       "aux factures ouvertes les plus anciennes du tiers : ces factures sont signalées « par "
                       "antériorité ».",
        "posterieurs": f"{{n}} mouvement{{s}} de client ou de fournisseur daté{{s}} après le {au} : ignoré{{s}} ; une "
                       f"facture lettrée avec un règlement postérieur reste ouverte au {au}.",
        "excedents": "{n} lettrage{s} dont les crédits dépassent les factures : l'excédent est imputé par antériorité "
                     "ou reste en crédit non affecté.",
        "avances": f"{{n}} lettrage{{s}} réunissant un règlement et une facture datée après le {au} : le règlement "
                   f"reste en crédit non affecté (un acompte sur cette facture), il ne solde pas une autre facture.",
        "a_nouveaux": "{n} solde{s} d'ouverture (à-nouveaux) sans détail de facture : montré{s} à part dans la balance "
                      "âgée, sans échéance, hors tableau D441-6 et hors pénalités.",
        "echeances_reunies": "{n} ligne{s} du compte d'un tiers réunie{s} à une autre de la même écriture (même pièce, "
                             "date de pièce et lettrage : une facture en plusieurs échéances) : une seule facture, une "
                             "indemnité de 40 € (D441-5) et une ligne du tableau D441-6.",
        "a_nouveaux_detailles": "{n} à-nouveau{x} portant la référence et la date d'une facture antérieure : "
                                "traité{s} comme cette facture.",
        "debits_divers": "{n} débit{s} sans produit (effet impayé, remboursement…) : exigible{s} le jour de l'écriture, "
                         "hors tableau D441-6 et hors pénalités.",
        "ht_inconnu": "{n} facture{s} sans montant HT lisible (pas de TVA dans l'écriture, à-nouveau, colonne HT "
                      "absente) : comptée{s} TTC dans les montants HT.",
        "non_chiffrees": "{n} facture{s} en retard dont les pénalités ne sont pas chiffrées : voir la remarque.",
        "piecedate_illisible": "{n} date{s} de pièce illisible{s} : remplacée{s} par la date d'écriture.",
        "dates_jjmmaaaa": "{n} date{s} d'écriture écrite{s} JJMMAAAA au lieu de AAAAMMJJ (LPF art. A47 A-1) : "
                          "lue{s} jour, mois, année.",
        "numero_d_ecriture": "{n} facture{s} ou avoir{s} sans référence de pièce (PieceRef vide ou « - ») : le "
                             "numéro de l'écriture (EcritureNum) en tient lieu.",
        "piecedate_posterieure": "{n} date{s} de pièce (PieceDate) postérieure{s} à la date d'écriture : la date "
                                 "d'écriture en tient lieu (une facture est datée avant d'être comptabilisée).",
        "montants_arrondis": "{n} montant{s} à plus de deux décimales arrondi{s} au centime.",
        "lignes_de_titre": "{n} ligne{s} au-dessus des noms de colonnes (titre du tableau) passée{s}.",
        "factures_repetees": "{n} ligne{s} répète{nt} une facture déjà lue (même client, numéro, date et montant) "
                             "avec un autre règlement : la facture est comptée une fois, avec les règlements de "
                             "chaque ligne.",
        "reste_sans_date": "{n} facture{s} payée{s} en tout ou partie à une date que le fichier ne donne pas (colonne "
                           "du reste à payer, ou statut « payée », lus comme à la date d'analyse) : la part payée est "
                           "comptée réglée à la date de la facture, sans pénalités ni indemnité sur elle, hors du "
                           "tableau D441-6 II et du retard moyen au paiement (son retard n'est pas connu).",
        "statuts_ecartes": "{n} ligne{s} écartée{s} par son statut : brouillon, pro forma ou devis (pas une facture "
                           "émise), facture annulée sans avoir (« Void » de Zoho) ou abandonnée (Dolibarr).",
        "avoirs_en_positif": "{n} avoir{s} écrit{s} en positif (colonne du type de pièce) : compté{s} en déduction.",
        "ecritures_en_double": "{n} écriture{s} du FEC lue{s} deux fois (même JournalCode, EcritureNum, date et "
                               "lignes : export en double, fichier mis deux fois ?) : comptée{s} une seule fois ; "
                               "voir les lignes signalées.",
        "entetes_repetes": "{n} ligne{s} d'en-tête répétée{s} au milieu du fichier (deux fichiers mis bout à bout ?) : "
                           "ignorée{s}.",
        "lignes_courtes": "{n} ligne{s} du FEC sans ses derniers champs facultatifs, vides (Montantdevise, Idevise) : "
                          "lue{s} avec ces champs vides.",
        **_PHRASES_COMPTES,
        **_PHRASES_PENALITES,
        **_PHRASES_TABLEUR,
    }


def _libelle_colonne(champ: str) -> str:
    """« le montant payé », « la date de paiement n° 2 » : le champ d'une colonne du tableau de factures.

    >>> _libelle_colonne("montant"), _libelle_colonne("paiement_2")
    ('le montant TTC', 'la date de paiement n° 2')
    """
    base, _, rang = champ.rpartition("_")
    if rang.isdigit():
        return f"{LIBELLES[base]} n° {rang}"
    return LIBELLES[champ]


def hypotheses(r) -> list:
    phrases = _phrases_hypotheses(r)
    sortie = []
    if r.au_par_defaut:
        origine = "la dernière date d'écriture du fichier" if r.au_par_defaut == "fichier" else "aujourd'hui"
        sortie.append({"cle": "date_analyse", "nombre": 1,
                       "texte": f"Date d'analyse : {origine}, le {fr.date_longue(r.au)}."})
    sortie.append({"cle": "exercice", "nombre": 1, "texte": f"Exercice retenu : du {fr.date_courte(r.debut)} au "
                   f"{fr.date_courte(r.au)} (chiffre d'affaires, achats, DSO, tableau D441-6)."})
    if r.donnees.colonnes_lues:
        sortie.append({"cle": "colonnes", "nombre": len(r.donnees.colonnes_lues),
                       "texte": "Colonnes du tableau lues : " + ", ".join(
                           f"« {nom[:40]} » pour {_libelle_colonne(champ)}" for champ, nom in r.donnees.colonnes_lues)
                       + (f" ; non lues : {citer_colonnes(r.donnees.colonnes_ignorees)}"
                          if r.donnees.colonnes_ignorees else "")
                       + ". Si l'une porte autre chose, ou si une colonne non lue porte l'échéance, le numéro, un "
                       "règlement ou le litige, indiquez-la (« Correspondance des colonnes » dans les réglages, "
                       "--colonne en ligne de commande)."})
    for cle, texte in phrases.items():
        if r.hypotheses.get(cle):
            n = r.hypotheses[cle]
            pluriel = n > 1
            sortie.append({"cle": cle, "nombre": n, "texte": texte.format(
                n=fr.nombre(n, 0), s="s" if pluriel else "", x="x" if pluriel else "", nt="nt" if pluriel else "")})
    return sortie


def _avertissements_du_fichier(r) -> list:
    """Ce que le fichier lui-même laisse douter : doublons, FEC trié par compte, date mal saisie,
    créances sorties des comptes clients."""
    d, messages = r.donnees, []
    if r.hypotheses.get("lignes_en_double"):
        n = r.hypotheses["lignes_en_double"]
        messages.append(f"{fr.quantite(n, 'ligne en double', 'lignes en double')} (même client, numéro, date et "
                        f"montant, sans règlement nouveau) : {'ignorée' if n == 1 else 'ignorées'}, chaque facture "
                        f"n'est comptée qu'une fois. Un export à une ligne par article de la facture en donne ainsi ; "
                        f"sinon, vérifiez l'export.")
    if r.hypotheses.get("identiques_sans_numero"):
        n = r.hypotheses["identiques_sans_numero"]
        messages.append(f"{fr.quantite(n, 'ligne identique', 'lignes identiques')} à une autre, sans numéro de facture : "
                        f"chacune est comptée comme une facture. Un doublon de l'export ? "
                        f"Ajoutez la colonne du numéro de facture pour que les doublons soient reconnus.")
    if r.hypotheses.get("ecritures_disjointes"):
        n = r.hypotheses["ecritures_disjointes"]
        messages.append(f"{fr.quantite(n, 'écriture')} dont les lignes ne se suivent pas (FEC trié par compte ?) : "
                        f"chacune est rassemblée par son JournalCode et son EcritureNum avant d'être lue, et les "
                        f"chiffres sont ceux du même FEC dans l'ordre des écritures, que demande la norme "
                        f"(LPF art. A47 A-1) ; dans cet ordre, la lecture se fait aussi en moins de mémoire.")
    if r.hypotheses.get("numeros_a_plusieurs_dates"):
        n = r.hypotheses["numeros_a_plusieurs_dates"]
        repris = fr.quantite(n, "numéro d'écriture repris", "numéros d'écriture repris")
        messages.append(f"{repris} à une autre date "
                        f"sans changer (même JournalCode et EcritureNum) : une écriture n'a qu'une date, chaque date "
                        f"est donc lue comme une écriture à part. Vérifiez la numérotation de l'export.")
    if r.au_par_defaut == "fichier" and r.hypotheses.get("date_fichier_future"):
        messages.append(f"La dernière date du fichier, retenue comme date d'analyse, est le {fr.date_longue(r.au)} : "
                        f"elle est postérieure à aujourd'hui (date mal saisie ?). Indiquez la date d'analyse.")
    douteux = sum((v for jour, v in d.douteux.items() if jour <= r.au), ZERO)
    if douteux:
        messages.append(f"Créances virées en clients douteux ou litigieux (comptes 416) : {fr.euros(douteux)} au "
                        f"{fr.date_courte(r.au)}. Les comptes clients saisis ne sont pas des comptes 411 : le 416 n'est "
                        f"pas lu avec eux, et ces virements y comptent comme des règlements. Pour les suivre, ajoutez "
                        f"416 aux comptes clients : chaque créance y reste sa facture d'origine.")
    messages += _a_nouveaux_anciens(r)
    if r.hypotheses.get("virements_douteux_ambigus"):
        n = r.hypotheses["virements_douteux_ambigus"]
        messages.append(f"{fr.quantite(n, 'virement', 'virements')} vers un compte de clients douteux (416) sans "
                        f"compte auxiliaire, déjà utilisé par ailleurs (un autre client, un à-nouveau) : impossible "
                        f"de savoir de quel client sont les règlements passés ensuite à ce compte. Ce virement y "
                        f"compte comme un règlement, et ce compte reste à son premier titulaire. Un compte "
                        f"auxiliaire par client (CompAuxNum) l'évite.")
    return messages


def _a_nouveaux_anciens(r) -> list:
    """Un solde d'ouverture sans détail reste hors de l'échu et des relances (aucune facture, aucune
    échéance : rien n'est inventé). Mais ses factures, de la veille de l'ouverture au plus tard, étaient
    échues au plafond général d'une facture de ce jour-là (`delai.regles.plafond_general`, C. com. art.
    L441-10 I), hors délais dérogatoires (L441-11 à L441-13) : passé ce jour, ce qui en reste est un
    retard que personne ne relancerait."""
    ouverture = r.donnees.date_ouverture
    lignes = [x for x in r.balances[CLIENTS][0] if x.a_nouveau > 0]
    if not lignes or ouverture is None:
        return []
    echues_le = plafond_general(ouverture - dt.timedelta(days=1))
    if r.au <= echues_le:
        return []
    lignes.sort(key=lambda x: (-x.a_nouveau, x.tiers))
    cites = ", ".join(f"{x.nom} ({fr.euros(x.a_nouveau)})" for x in lignes[:5]) + (
        f" et {fr.quantite(len(lignes) - 5, 'autre client', 'autres clients')}" if len(lignes) > 5 else "")
    total = sum((x.a_nouveau for x in lignes), ZERO)
    return [f"{fr.euros(total)} de soldes d'ouverture sans détail de facture restent dus au {fr.date_courte(r.au)} : "
            f"{cites}. Ces factures, antérieures au {fr.date_courte(ouverture)}, étaient échues le "
            f"{fr.date_courte(echues_le)} au plus tard (60 jours, ou 45 jours fin de mois, C. com. art. L441-10 I, "
            f"sauf délai dérogatoire : grand export, outre-mer, secteurs, L441-11 à L441-13) ; faute de détail, "
            f"elles ne sont ni dans l'échu ni dans les clients à relancer. Retrouvez-les dans le grand livre de "
            f"l'exercice précédent, et relancez."]


RECUL_MAX_JOURS = 31  # un export mensuel analysé dans le mois suivant : rien à signaler


def _avertissements_des_reglages(r) -> list:
    """Des réglages qui ne rencontrent pas le fichier : le résultat ne dirait pas ce que l'on croit."""
    d, messages = r.donnees, []
    if d.premiere_date and r.au < d.premiere_date:
        messages.append(f"La date d'analyse ({fr.date_courte(r.au)}) précède la première date du fichier "
                        f"({fr.date_courte(d.premiere_date)}) : rien n'y est encore facturé ni dû. Vérifiez-la.")
    apres = (r.au - d.derniere_date).days if d.derniere_date else 0
    if apres > RECUL_MAX_JOURS:
        messages.append(f"La date d'analyse ({fr.date_courte(r.au)}) tombe {fr.quantite(apres, 'jour')} après la dernière "
                        f"date du fichier ({fr.date_courte(d.derniere_date)}) : les règlements reçus depuis n'y sont pas, "
                        f"les retards et les pénalités sont comptés comme si rien n'avait été payé. Analysez un export "
                        f"à jour, ou une date plus proche.")
    if not r.tiers[CLIENTS] and r.tiers[FOURNISSEURS]:
        messages.append("Aucun compte client dans le fichier, seulement des fournisseurs : vérifiez le préfixe des "
                        "comptes clients (411 par défaut).")
    elif not r.tiers[CLIENTS]:
        messages.append("Aucune ligne de compte client ni fournisseur dans le fichier : tous les chiffres ci-dessous "
                        "sont nuls. Vérifiez les préfixes des comptes (411 et 401 par défaut). Un FEC de comptabilité "
                        "de trésorerie (recettes passées directement en banque, bénéfices non commerciaux) n'a pas "
                        "de comptes clients, donc pas de poste clients à analyser.")
    if d.correspondance_sans_effet:
        messages.append("Correspondance des colonnes sans effet : un FEC se lit par les noms de ses champs, fixés par "
                        "l'arrêté (LPF art. A47 A-1) ; elle ne sert qu'aux tableaux de factures. Non appliquée : "
                        + " ; ".join(f"« {nom[:40]} » pour {_libelle_colonne(champ)}"
                                     for champ, nom in d.correspondance_sans_effet) + ".")
    if d.prefixes_sans_effet:
        messages.append("Préfixe des comptes sans effet : un tableau de factures ne se lit pas par comptes du plan "
                        "comptable, chacune de ses lignes est une facture client. Non appliqué : "
                        + " ; ".join(f"« {', '.join(prefixes)} » pour les {cote}"
                                     for cote, prefixes in d.prefixes_sans_effet) + ".")
    ecart = (d.premiere_date - r.debut).days if d.premiere_date and d.premiere_date <= r.au else 0
    if d.format == "tableur" and r.reglages.debut is None and ecart > COUVERTURE_MIN_JOURS:
        messages.append(f"Le tableau ne commence que le {fr.date_courte(d.premiere_date)}, {fr.quantite(ecart, 'jour')} "
                        f"après le début de la période retenue ({fr.date_courte(r.debut)}) : le DSO simple et les "
                        f"pourcentages du tableau D441-6 rapportent l'encours à un chiffre d'affaires incomplet, et le "
                        f"surestiment. Indiquez le début de l'exercice ou de la période que couvre le tableau.")
    if r.absents.get("delais_clients"):
        messages.append("Délai propre à un compte absent du fichier, donc sans effet : "
                        + ", ".join(f"« {c[:40]} »" for c in r.absents["delais_clients"][:10]) + ".")
    if r.absents.get("litiges"):
        messages.append("Facture en litige introuvable dans le fichier, donc non exclue : "
                        + ", ".join(f"« {c[:40]} »" for c in r.absents["litiges"][:10])
                        + ". Séparez les numéros par une virgule, un point-virgule ou un retour à la ligne.")
    return messages


def _avertissements_des_lettres(r) -> list:
    """Ce que les lettres préremplies des clients à relancer ne peuvent pas savoir, ou pas porter."""
    messages = []
    regles = [x.nom for x in r.relances if x.credits_posterieurs]
    if regles:
        messages.append(f"{fr.quantite(len(regles), 'client')} à relancer ({', '.join(regles[:5])}"
                        f"{'…' if len(regles) > 5 else ''}) {'a' if len(regles) == 1 else 'ont'} des règlements ou "
                        f"des avoirs datés après le {fr.date_courte(r.au)} dans le fichier : {'ses' if len(regles) == 1 else 'leurs'} "
                        f"lettres préremplies, datées du jour où vous les ouvrez, ne les comptent pas. Vérifiez-les "
                        f"avant d'envoyer, ou analysez le fichier à une date plus récente.")
    longues = [x for x in r.relances if len(x.postes) > FACTURES_PAR_LETTRE]
    if longues:
        messages.append(f"{fr.quantite(len(longues), 'client')} à relancer {'a' if len(longues) == 1 else 'ont'} "
                        f"plus de {FACTURES_PAR_LETTRE} factures échues ({longues[0].nom} : {len(longues[0].postes)}) :"
                        f" {'ses' if len(longues) == 1 else 'leurs'} lettres préremplies portent les {FACTURES_PAR_LETTRE} plus anciennes ; ajoutez les "
                        f"suivantes dans une seconde lettre (relevé des factures ouvertes, export CSV).")
    return messages


def avertissements(r) -> list:
    d, messages = r.donnees, []
    if d.nb_rejets:
        # Toutes nommées (les dix premières), pas seulement la première : les chiffres en dépendent.
        autres = sorted({x.ligne for x in d.rejets[1:]})
        suite = ""
        if autres:
            suite = (f" Autre{'s' if len(autres) > 1 else ''} ligne{'s' if len(autres) > 1 else ''} rejetée"
                     f"{'s' if len(autres) > 1 else ''} : {', '.join(map(str, autres[:10]))}"
                     f"{'…' if len(autres) > 10 or d.nb_rejets > len(d.rejets) else ''} (motifs dans le tableau "
                     f"des lignes rejetées, en fin de résultat).")
        messages.append(f"{fr.quantite(d.nb_rejets, 'ligne rejetée', 'lignes rejetées')} sur "
                        f"{fr.nombre(d.nb_rejets + d.lignes, 0)} : "
                        f"{'elle ne compte' if d.nb_rejets == 1 else 'elles ne comptent'} dans aucun total, "
                        f"les chiffres ci-dessous sont donc incomplets. {d.rejets[0].message}{suite}")
    if r.hypotheses.get("desequilibres"):
        premiere = next(x.message for x in d.remarques if "équilibrée" in x.message)
        messages.append(f"{fr.quantite(r.hypotheses['desequilibres'], 'écriture déséquilibrée', 'écritures déséquilibrées')}"
                        f" : vérifiez l'export. {premiere}")
    messages += _avertissements_du_fichier(r) + _avertissements_des_reglages(r)
    if d.illisibles:
        messages.append(f"{fr.quantite(d.illisibles, 'caractère illisible', 'caractères illisibles')} (encodage mêlé) "
                        f"{'remplacé' if d.illisibles == 1 else 'remplacés'} par « \ufffd ».")
    if d.colonnes_non_lues is not None:
        messages.append("Aucune colonne de règlement reconnue (date de paiement, montant payé, reste à payer) : toutes "
                        "les factures sont comptées impayées. Colonnes non lues : "
                        + citer_colonnes(d.colonnes_non_lues)
                        + ". Si l'une porte la date de paiement, le montant payé ou le reste à payer, donnez-lui ce nom "
                        "(« Date de paiement », « Reste à payer »…) ou, en ligne de commande, indiquez-la avec --colonne.")
    echeances = colonnes_d_echeance_non_lues(d.colonnes_ignorees, d.colonnes_lues) if d.format == "tableur" else []
    if echeances:
        messages.append(f"Aucune colonne lue pour l'échéance : chacune est calculée avec le délai retenu, "
                        f"{libelle_delai(r.reglages.delai.code)}. Non lue{'s' if len(echeances) > 1 else ''} : "
                        f"{citer_colonnes(echeances)}. Si l'une porte l'échéance, indiquez-la (« Correspondance des "
                        "colonnes » dans les réglages, --colonne en ligne de commande) ; des conditions de paiement "
                        "propres à certains clients se saisissent dans « Délais propres à certains clients » "
                        "(--delai-client).")
    if d.colonnes_absentes:
        messages.append("Champs de l'arrêté absents de l'en-tête du FEC (LPF art. A47 A-1) : "
                        + ", ".join(d.colonnes_absentes) + ". L'analyse s'en passe, mais le FEC n'est pas conforme.")
    messages += _avertissements_des_lettres(r)
    sans_taux = [p for p in r.penalites if p.raison == TAUX_INCONNU]
    if sans_taux:
        messages.append(f"{fr.quantite(len(sans_taux), 'facture')} en retard au-delà des taux connus (jusqu'au "
                        f"{fr.date_longue(couvert_jusqu_au())}) : pénalités non chiffrées ; cochez « "
                        f"{FORMULAIRE['prolonger'].libelle} » (--prolonger en ligne de commande) pour une estimation.")
    if any(p.sous_plancher for p in r.penalites):
        messages.append(_sous_plancher(r))
    if r.hypotheses.get("non_confirme"):
        messages.append(f"Des pénalités dépendent d'un taux {NON_CONFIRME} "
                        "(taux BCE ou taux de l'intérêt légal) : vérifiez-le avant de les réclamer.")
    for delai in {r.reglages.delai, *r.reglages.delais_clients.values()}:
        if delai.depasse_plafond:
            messages.append(f"Le délai de {delai.jours} jours dépasse le plafond de 60 jours après la facture "
                            f"(C. com. art. L441-10 I al. 2) : les retards sont comptés de ce délai contractuel.")
    if not r.dso[0].complet:
        messages.append("L'encours dépasse le chiffre d'affaires TTC de toute la période lue : le DSO par épuisement "
                        "est un minimum.")
    return messages


def _sous_plancher(r) -> str:
    """L441-10 II interdit un taux du contrat sous 3 fois le taux légal sans dire ce qui le remplace, et
    n'y soumet pas le taux par défaut, pourtant en dessous en 2024 (questions ouvertes) : les totaux
    restent au taux appliqué, et les autres lectures sont chiffrées, comme le fait le calculateur de
    pénalités pour une facture."""
    exigibles = [p for p in r.penalites if not p.litige and p.penalites is not None]
    sous = [p for p in exigibles if p.sous_plancher]
    nombre = sum(p.sous_plancher for p in r.penalites)  # en litige comprises
    applique = "au taux du contrat" if r.reglages.taux is not None else "au taux par défaut"
    lectures = [f"{applique} (les totaux affichés), {fr.euros(sum((p.penalites for p in exigibles), ZERO))}"]
    for cle, nom in (("plancher", "relevé au plancher (le triple du taux légal) là où il est en dessous"),
                     ("defaut", "au taux par défaut (BCE + 10 points)")):
        if all(cle in p.lectures for p in sous):
            total = sum((p.lectures[cle] if p.sous_plancher else p.penalites for p in exigibles), ZERO)
            lectures.append(f"{nom}, {fr.euros(total)}")
    if r.reglages.taux is None:  # sans taux du contrat : le taux par défaut sous le plancher (2024)
        return (f"Le taux par défaut (BCE + 10 points) est inférieur à 3 fois le taux de l'intérêt légal sur une "
                f"partie du retard de {fr.quantite(nombre, 'facture')}. L'article L441-10 II du Code de "
                f"commerce n'impose ce plancher qu'à un taux fixé par contrat : les totaux restent au taux par "
                f"défaut. La question est ouverte ; pénalités exigibles selon la lecture retenue : "
                + " ; ".join(lectures) + ".")
    return (f"Le taux du contrat ({fr.pourcent(r.reglages.taux)}) est inférieur à 3 fois le taux de l'intérêt légal "
            f"sur une partie du retard de {fr.quantite(nombre, 'facture')} : l'article L441-10 II du Code de "
            f"commerce interdit une telle clause, mais ne dit pas quel taux la remplace. La question est ouverte ; "
            f"pénalités exigibles selon la lecture retenue : " + " ; ".join(lectures) + ".")
