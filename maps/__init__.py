"""Folium maps of claims: ``layers(claims)`` to add to your own map, ``render(claims)`` for a
whole one, ``save(map, path)`` to write it as one static HTML file."""

from contested.maps.frames import MapFrames
from contested.maps.render import layers, render, save

__all__ = ["MapFrames", "layers", "render", "save"]
