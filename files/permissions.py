"""Who may see and change a file: files are private to their owner; moderators reach all."""


def can_read(principal, file) -> bool:
    user = principal.user
    return user is not None and (file.owner_id == user.pk or user.is_moderator)


def can_change(principal, file) -> bool:
    return can_read(principal, file)
