"""Pages of a long list: the page a request asks for, and the request's other parameters for
the page links (templates/includes/pagination.html)."""

from django.core.paginator import Paginator


def page_of(request, rows, size):
    """The page of `rows` that `?page=` asks for: the first when it is not a number, the last
    when it is past the end."""
    return Paginator(rows, size).get_page(request.GET.get("page"))


def query_without_page(request):
    """The request's query string without `page`, for the links to the other pages."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
