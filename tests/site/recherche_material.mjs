// Le moteur de recherche de Material (son worker lunr, tel que le site le sert), exécuté sous
// Node contre l'index construit : mêmes réglages, même transformation des requêtes, même
// classement que dans le navigateur, sans navigateur.
//
//   node recherche_material.mjs <dossier du site> <requête>…
//
// Sortie (JSON) : pour chaque requête, les pages dans l'ordre des résultats, chacune avec ses
// sections trouvées (adresse, score, mots trouvés ou non, texte d'extrait visible).
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const [site, ...requetes] = process.argv.slice(2);
const dossier = path.join(site, "assets/javascripts/workers");
const worker = fs.readdirSync(dossier).find((nom) => /^search\.[0-9a-f]+\.min\.js$/.test(nom));

let recevoir;
let repondre;
const contexte = {
  console, setTimeout, clearTimeout, URL, TextEncoder, TextDecoder,
  addEventListener: (_type, fonction) => { recevoir = fonction; },
  postMessage: (message) => repondre(message),
  // Le worker charge la langue (lunr.fr) par importScripts, relatif à son propre dossier.
  importScripts: (...adresses) => {
    for (const adresse of adresses) vm.runInContext(fs.readFileSync(path.resolve(dossier, adresse), "utf8"), contexte);
  },
};
contexte.self = contexte;
vm.createContext(contexte);
vm.runInContext(fs.readFileSync(path.join(dossier, worker), "utf8"), contexte);

const envoyer = (message) => new Promise((resoudre) => { repondre = resoudre; recevoir({ data: message }); });
const visible = (html) => html.replace(/<span hidden>.*?<\/span>/g, "").replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();

const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
// Types de message du worker de Material : 0 = SETUP, 2 = QUERY (réponse : 3 = RESULT).
await envoyer({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
const sortie = {};
for (const requete of requetes) {
  const { data } = await envoyer({ type: 2, data: requete });
  sortie[requete] = data.items.map((sections) => ({
    page: sections[0].location.split("#")[0],
    sections: sections.map((s) => ({
      location: s.location, score: s.score, termes: s.terms,
      // Extrait : le texte que Material montre quand un mot y est trouvé (sinon tout le texte).
      trouve_dans_le_texte: s.text.includes("<mark>"), extrait: visible(s.text),
    })),
  }));
}
process.stdout.write(JSON.stringify(sortie));
