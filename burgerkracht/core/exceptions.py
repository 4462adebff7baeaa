"""Domain errors that services raise and views turn into messages."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refuses the action; `message` is for the person who tried."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidTransition(DomainError):
    def __init__(self, *, current: str, requested: str) -> None:
        super().__init__(
            _("This step is not possible now (from %(current)s to %(requested)s).")
            % {"current": current, "requested": requested}
        )
        self.current = current
        self.requested = requested
