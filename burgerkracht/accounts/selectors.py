"""Reads about accounts that other apps ask."""

from allauth.account.models import EmailAddress

from burgerkracht.accounts.models import User


def has_verified_email(user: User, email: str) -> bool:
    """Whether `email` is one of the person's addresses that allauth has verified."""
    return EmailAddress.objects.filter(
        user=user, email__iexact=email.strip(), verified=True
    ).exists()
