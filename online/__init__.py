"""Online sources, used only when asked: Nominatim for names the offline gazetteer does not
know (:mod:`contested.online.nominatim`) and geoBoundaries admin files
(:mod:`contested.online.geoboundaries`), both through :mod:`contested.core.http`."""
