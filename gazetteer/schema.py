"""The index file's version and layout constants, shared by the builder and the readers.

Changing what the builder writes (keys, forms, tables) means bumping :data:`SCHEMA_VERSION`:
the index file name carries it, so the next run rebuilds.
"""

from __future__ import annotations

import sys

SCHEMA_VERSION = 14
# marshal data is only readable by the Python that wrote it.
PYTHON_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"

PLACE_COLUMNS = ("pid", "id", "name", "lat", "lon", "country", "admin1_id", "admin1", "kind",
                 "feature_code", "population", "precision")
# Alternate names are stored joined by the unit separator (no place name holds a control
# character: gazetteer.query refuses them): splitting is ten times faster than JSON.
ALT_SEPARATOR = "\x1f"
