// Amorce du cache de code du moteur (lancée par hors-ligne.js, une fois par version du site).
//
// Chromium ne garde le code compilé d'un script servi par le service worker qu'après l'avoir
// exécuté une fois depuis le cache de celui-ci, et seulement ce qui a été compilé à ce moment.
// Sans amorce, la seconde visite compile donc encore le script de Pyodide (1,25 Mo), et seule
// la troisième relit son code compilé. Ici, en arrière-plan, une fois le moteur en cache : le
// script est importé depuis ce cache (même adresse que celle qu'importe Pyodide), puis le corps
// de la fonction qui crée l'interpréteur tourne jusqu'à l'instanciation du WebAssembly, que le
// crochet `instantiateWasm` ne fait jamais : son code est compilé et gardé avec le script, et
// rien n'est téléchargé ni démarré. Les réglages imitent ceux de Pyodide (`API`, interface
// privée de la version épinglée) ; s'ils ne suffisent plus, l'erreur est ignorée et l'amorce
// n'a compilé qu'une partie du code.
const { default: creerModule } = await import(new URL("../pyodide/pyodide.asm.mjs", import.meta.url).href);
creerModule({ API: { config: {}, runtimeEnv: {} }, instantiateWasm: () => ({}) }).catch(() => {});
postMessage("compile");
