"""The toolkit's errors."""


class ReleaseError(Exception):
    """A solution notebook or course setting that cannot be released; the message says where and why."""


class MissingTool(Exception):
    """The toolkit needs a package that this environment lacks (the instructor extras)."""


#: How to install what ``course release`` (without ``--check``), ``check``, ``gradebook``,
#: ``grade`` and ``bench`` need beyond the toolkit itself.
INSTALL_HINT = "pip install 'activations-course[instructor]' (or run `make test` in the course folder)"
