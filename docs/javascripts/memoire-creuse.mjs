// Instantané mémoire de Pyodide écrit « creux » : la mémoire de l'interpréteur (30 Mo) est à moitié
// faite de pages de 4 Kio entièrement nulles ; seules les autres sont gardées, avec leur position.
// Le service worker garde ainsi 15 Mo au lieu de 30, que le worker lit deux fois plus vite, et le
// navigateur en décompresse deux fois moins à la première visite.
//
// Écrit à la construction (tools/instantane.mjs, sous Node), relu par le worker du moteur
// (moteur.worker.mjs) : le format n'existe qu'ici.
//
//   « IMPC » | taille dépliée (u32) | nombre de plages (u32) | (début u32, longueur u32)… | octets des plages
//
// Entiers en petit-boutiste ; les plages sont triées, disjointes, dans la taille dépliée.
const MAGIE = 0x43504d49;  // « IMPC » lu en petit-boutiste
const PAGE = 4096;
const ENTETE = 12;

function pageNulle(memoire, debut, fin) {
  for (let i = debut; i < fin; i++) if (memoire[i] !== 0) return false;
  return true;
}

export function creuser(memoire) {
  const plages = [];
  for (let debut = 0; debut < memoire.length; debut += PAGE) {
    const fin = Math.min(debut + PAGE, memoire.length);
    if (pageNulle(memoire, debut, fin)) continue;
    const derniere = plages[plages.length - 1];
    if (derniere && derniere[0] + derniere[1] === debut) derniere[1] += fin - debut;
    else plages.push([debut, fin - debut]);
  }
  const table = ENTETE + 8 * plages.length;
  const sortie = new Uint8Array(table + plages.reduce((somme, [, longueur]) => somme + longueur, 0));
  const vue = new DataView(sortie.buffer);
  vue.setUint32(0, MAGIE, true);
  vue.setUint32(4, memoire.length, true);
  vue.setUint32(8, plages.length, true);
  let position = table;
  plages.forEach(([debut, longueur], i) => {
    vue.setUint32(ENTETE + 8 * i, debut, true);
    vue.setUint32(ENTETE + 8 * i + 4, longueur, true);
    sortie.set(memoire.subarray(debut, debut + longueur), position);
    position += longueur;
  });
  return sortie;
}

// Taille de la mémoire dépliée, lue dans l'en-tête.
export function tailleDepliee(creux) {
  const vue = new DataView(creux.buffer, creux.byteOffset, creux.byteLength);
  if (creux.length < ENTETE || vue.getUint32(0, true) !== MAGIE) throw new Error("instantané creux illisible");
  return vue.getUint32(4, true);
}

// Recopie les plages dans `tampon`, qui doit être neuf (rempli de zéros) et de la taille dépliée.
// Tout écart (fichier tronqué, autre version) lève une erreur avant la moindre écriture.
export function deplier(creux, tampon) {
  if (tailleDepliee(creux) !== tampon.length) {
    throw new Error(`instantané de ${tailleDepliee(creux)} octets, ${tampon.length} attendus`);
  }
  const vue = new DataView(creux.buffer, creux.byteOffset, creux.byteLength);
  const nombre = vue.getUint32(8, true);
  const table = ENTETE + 8 * nombre;
  if (table > creux.length) throw new Error("instantané creux tronqué");
  const plages = [];
  let position = table;
  let finPrecedente = 0;
  for (let i = 0; i < nombre; i++) {
    const debut = vue.getUint32(ENTETE + 8 * i, true);
    const longueur = vue.getUint32(ENTETE + 8 * i + 4, true);
    if (debut < finPrecedente || debut + longueur > tampon.length || position + longueur > creux.length) {
      throw new Error("instantané creux incohérent");
    }
    plages.push([debut, position, longueur]);
    finPrecedente = debut + longueur;
    position += longueur;
  }
  if (position !== creux.length) throw new Error("instantané creux incohérent");
  for (const [debut, source, longueur] of plages) tampon.set(creux.subarray(source, source + longueur), debut);
  return tampon;
}
