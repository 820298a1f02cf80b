"""Charts: data rows per chart, one Altair function per kind, rendering with a cache."""
