"""Ce que tous les calculateurs partagent : argent, dates et lectures, erreurs, français, sources."""
