from core.access import Abilities
from core.roles import person_of


def portal(request):
    """`can`: what the user may do (core.access.Abilities); templates ask it, never a role."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    person_of(user)  # the header shows the name and department
    return {"can": Abilities(user)}
