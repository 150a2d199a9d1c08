"""The shared core every layer of contested stands on: the exception hierarchy
(:mod:`contested.core.exceptions`), the settings object (:mod:`contested.core.settings`), the
one atomic file writer (:mod:`contested.core.files`), the polite HTTP client
(:mod:`contested.core.http`) and lazy module attributes (:mod:`contested.core.lazy`).

It imports nothing else of contested.
"""
