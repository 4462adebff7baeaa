"""A person's own pages that the apps fill through registries: the panels of "Mijn
burgerkracht" (`dashboard`), "Mijn taken" (`worklist`) and the agenda feed (`calendar`)."""
