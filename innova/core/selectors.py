import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator


class CachedCountPaginator:
    """A Paginator whose total count is cached for a minute: COUNT(*) over 100,000 filtered rows costs more than
    the page itself, and a count a minute old is fine for "1.234 problemas"."""

    def __new__(cls, object_list, per_page, **kwargs):
        paginator = Paginator(object_list, per_page, **kwargs)
        key = "count:" + hashlib.sha256(str(object_list.query).encode()).hexdigest()
        paginator.count = cache.get_or_set(key, lambda: object_list.count(), 60)
        return paginator
