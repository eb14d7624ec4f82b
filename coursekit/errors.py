"""The toolkit's errors."""


class ReleaseError(Exception):
    """A solution notebook or course setting that cannot be released; the message says where and why."""
