from core.roles import person_of, role_of


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    person_of(user)  # the header shows the name and department
    return {"user_role": role_of(user)}
