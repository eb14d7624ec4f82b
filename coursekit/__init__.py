"""The course's toolkit for instructors and maintainers: one command, ``course``.

``course release`` (solutions/ -> notebooks/), ``course check`` (the release is in
sync), ``course gradebook``, ``course grade`` (submissions or an LMS zip -> grades,
feedback and a report, sandboxed and in parallel), ``course fork`` and ``course bench``.
Students never import it: what notebooks use is the ``utils`` package.
"""
