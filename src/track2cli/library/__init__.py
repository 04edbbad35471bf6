"""The content library: records, reading and checking content, the cache, paths."""
