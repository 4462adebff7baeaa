"""Reports: the registry the apps fill and the shapes of a report (`reports`), its charts,
its pages (`views`) and the annual report as a PDF (`annual`)."""
