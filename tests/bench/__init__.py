"""The benchmark: build stages against their floors, rebuilds, 10×/50× scaling, page weight and Lighthouse.

It is a development tool, not part of the published package: run it with
``.venv/bin/python tests/bench --scales 10 50`` (after ``bash .ci/test``, which
installs Lighthouse under tests/js). It prints figures; nothing is timed in the tests.
"""
