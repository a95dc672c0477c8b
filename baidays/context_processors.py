from django.contrib.auth import get_user_model

from .models import Person
from .roles import role_of


def portal(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    _load_person_with_department(user)
    return {"user_role": role_of(user)}


def _load_person_with_department(user):
    """Every page's header shows the user's name and department: one query for both."""
    if not get_user_model().person.is_cached(user):
        person = Person.objects.select_related("department").filter(user=user).first()
        if person is not None:
            user.person = person
